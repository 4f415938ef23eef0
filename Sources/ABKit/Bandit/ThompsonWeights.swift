import Foundation

/// Next-period traffic weights from the chance that each arm is best (Thompson sampling in
/// expectation: each unit goes to arm i with the posterior probability that i is best).
package enum ThompsonWeights {
    /// Decimal places of a written weight.
    package static let decimals = 4

    /// Applies a minimum weight per arm and renormalises by water-filling: arms that would fall
    /// below `floor` get exactly `floor`, and the rest share what remains in proportion to their
    /// chances. Throws unless 0 ≤ floor ≤ 1/k and the chances are finite, ≥ 0 and not all 0.
    package static func floored(_ chances: [Double], floor: Double) throws -> [Double] {
        guard !chances.isEmpty else { throw ABKitError.usage("no arms to weight") }
        guard floor.isFinite, floor >= 0, floor * Double(chances.count) <= 1 + 1e-12 else {
            throw ABKitError.invalidSetting(
                "floor", "must be between 0 and 1/\(chances.count) = \(JSONNumberText.format(1 / Double(chances.count), decimals: 4)) "
                    + "for \(chances.count) arms (got \(NumberText.exact(floor)))")
        }
        guard chances.allSatisfy({ $0.isFinite && $0 >= 0 }), chances.contains(where: { $0 > 0 }) else {
            throw ABKitError.badData(path: "", location: "chance to be best", message: "expected finite probabilities ≥ 0, not all 0")
        }
        var weights = chances
        var pinned = Set<Int>()
        while true {
            let free = chances.indices.filter { !pinned.contains($0) }
            if free.isEmpty { break }
            let remaining = max(0, 1 - floor * Double(pinned.count))
            let mass = free.map { chances[$0] }.reduce(0, +)
            for i in free { weights[i] = mass > 0 ? remaining * chances[i] / mass : remaining / Double(free.count) }
            let low = free.filter { weights[$0] < floor }
            if low.isEmpty { break }
            for i in low {
                pinned.insert(i)
                weights[i] = floor
            }
        }
        return weights
    }

    /// Rounds weights that sum to 1 to `decimals` places so that the rounded values sum to 1
    /// exactly (largest remainder), never taking an arm below `floor` rounded up.
    /// Returns the weights as whole units of 10^-decimals.
    package static func rounded(_ weights: [Double], floor: Double = 0) -> [Int] {
        let scale = Int(pow(10, Double(decimals)))
        let total = weights.reduce(0, +)
        let exact = weights.map { total > 0 ? $0 / total * Double(scale) : Double(scale) / Double(weights.count) }
        var units = exact.map { Int($0.rounded(.down)) }
        var short = scale - units.reduce(0, +)
        // Hand the missing units to the largest remainders (ties to the earlier arm).
        let order = exact.indices.sorted { (exact[$0] - Double(units[$0]), -$0) > (exact[$1] - Double(units[$1]), -$1) }
        var k = 0
        while short > 0 {
            units[order[k % order.count]] += 1
            short -= 1
            k += 1
        }
        // Keep the floor after rounding: lift arms below it, taking from the largest arm.
        let minimum = min(Int((floor * Double(scale) - 1e-9).rounded(.up)), scale / weights.count)
        for i in units.indices where units[i] < minimum {
            let need = minimum - units[i]
            if let donor = units.indices.max(by: { units[$0] < units[$1] }), units[donor] - need >= minimum {
                units[donor] -= need
                units[i] += need
            }
        }
        return units
    }
}

/// Decimal text for weights written into an experiment file.
package enum JSONNumberText {
    /// `value` with at most `decimals` places, trailing zeros dropped ("0.25", "1", "0").
    package static func format(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Whole units of 10^-decimals as decimal text: 3333 → "0.3333", 10000 → "1", 2500 → "0.25".
    package static func format(units: Int, decimals: Int) -> String {
        let scale = Int(pow(10, Double(decimals)))
        let whole = units / scale
        var fraction = String(units % scale)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }
}
