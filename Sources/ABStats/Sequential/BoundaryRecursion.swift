import Foundation

/// The Armitage–McPherson–Rowe recursion behind `GroupSequentialDesign`.
///
/// Works on the score scale S = Z √t (Brownian motion in information time). After each look
/// it keeps the sub-density of S on the continuation region (−c√t, c√t) at Simpson nodes.
enum BoundaryRecursion {
    /// A sub-density tabulated at Simpson nodes: ∫ g ≈ Σ weights[j] · g(nodes[j]).
    private struct Grid {
        var nodes: [Double]
        var weights: [Double]
        var density: [Double]

        /// An odd number of nodes on [−b, b] with spacing at most `spacing`.
        init(halfWidth b: Double, spacing: Double) {
            let intervals = min(max(2 * Int((b / spacing).rounded(.up)), 200), 20_000)
            let h = 2 * b / Double(intervals)
            nodes = (0...intervals).map { -b + Double($0) * h }
            weights = (0...intervals).map { j in
                let factor: Double = (j == 0 || j == intervals) ? 1 : (j % 2 == 1 ? 4 : 2)
                return factor * h / 3
            }
            density = []
        }
    }

    static func boundaries(fractions: [Double], cumulativeAlpha: [Double]) throws -> [Double] {
        var boundaries: [Double] = []
        var grid: Grid?
        var spent = 0.0
        var previousT = 0.0
        for (k, t) in fractions.enumerated() {
            let increment = cumulativeAlpha[k] - spent
            guard increment > 0 else {
                throw StatsError.notComputable(
                    test: "group-sequential boundary",
                    reason: "the look at information fraction \(t) spends no alpha (α(t) underflows); drop it or move it later")
            }
            let step = t - previousT
            let sd = step.squareRoot()
            let c: Double
            if let previous = grid {
                // The unconditional boundary spends at least the increment, so it brackets the root from above.
                let upper = try Normal.standard.inverseSF(min(increment / 2, 0.5))
                let logTarget = log(increment)
                c = try RootFinder.brent(
                    { c in log(crossing(previous, at: c * t.squareRoot(), sd: sd)) - logTarget },
                    in: 0 ... upper, absoluteTolerance: 1e-11, relativeTolerance: 1e-12, name: "group-sequential boundary at look \(k + 1)")
            } else {
                c = try Normal.standard.inverseSF(increment / 2)
            }
            boundaries.append(c)
            if k + 1 < fractions.count {
                let nextSD = (fractions[k + 1] - t).squareRoot()
                var next = Grid(halfWidth: c * t.squareRoot(), spacing: min(sd, nextSD) / 20)
                next.density = convolve(grid, onto: next.nodes, sd: sd, shift: 0)
                grid = next
            }
            spent = cumulativeAlpha[k]
            previousT = t
        }
        return boundaries
    }

    /// P(|Z_k| ≥ c_k at some look) when the score has drift: S_t = B_t + drift · t, so the z
    /// statistic at full information has mean `drift`. The same recursion as `boundaries`, with
    /// the N(drift · Δt, Δt) step kernel.
    static func rejectionProbability(fractions: [Double], boundaries: [Double], drift: Double) -> Double {
        var total = 0.0
        var grid: Grid?
        var previousT = 0.0
        for (k, t) in fractions.enumerated() {
            let step = t - previousT
            let sd = step.squareRoot()
            let shift = drift * step
            let b = boundaries[k] * t.squareRoot()
            if let previous = grid {
                total += crossing(previous, at: b, sd: sd, shift: shift)
            } else {
                total += Normal.standard.sf((b - shift) / sd) + Normal.standard.cdf((-b - shift) / sd)
            }
            if k + 1 < fractions.count {
                let nextSD = (fractions[k + 1] - t).squareRoot()
                var next = Grid(halfWidth: b, spacing: min(sd, nextSD) / 20)
                next.density = convolve(grid, onto: next.nodes, sd: sd, shift: shift)
                grid = next
            }
            previousT = t
        }
        return total
    }

    /// The sub-density on `nodes` after a N(shift, sd²) step from `previous` (from 0 when nil).
    private static func convolve(_ previous: Grid?, onto nodes: [Double], sd: Double, shift: Double) -> [Double] {
        guard let previous else { return nodes.map { gaussian(($0 - shift) / sd) / sd } }
        return nodes.map { s in
            var total = 0.0
            for j in previous.nodes.indices {
                total += previous.weights[j] * previous.density[j] * gaussian((s - previous.nodes[j] - shift) / sd)
            }
            return total / sd
        }
    }

    /// P(continued so far and |S_k| ≥ b) given the previous sub-density and the step's sd.
    private static func crossing(_ grid: Grid, at b: Double, sd: Double, shift: Double = 0) -> Double {
        var total = 0.0
        for j in grid.nodes.indices {
            let u = grid.nodes[j] + shift
            total += grid.weights[j] * grid.density[j]
                * (Normal.standard.sf((b - u) / sd) + Normal.standard.sf((b + u) / sd))
        }
        return total
    }

    private static let inverseRootTwoPi = 1 / (2 * Double.pi).squareRoot()

    private static func gaussian(_ z: Double) -> Double { inverseRootTwoPi * exp(-0.5 * z * z) }
}
