import ABAssign
import Testing

/// Chi-square quantiles at 0.999, from the standard table (NIST/SEMATECH e-Handbook of
/// Statistical Methods, section 1.3.6.7.4, "Critical Values of the Chi-Square Distribution").
/// A statistic below the quantile means p > 0.001.
enum ChiSquare999 {
    static let quantile: [Int: Double] = [1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 8: 26.124]
}

@Suite("Distribution of assignments", .serialized)
struct DistributionTests {
    static let users = 1_000_000

    @Test("1M users split per the weights (chi-square p > 0.001)", arguments: [HashVersion.v1, .v2])
    func splitMatchesWeights(version: HashVersion) throws {
        let weights = [0.34, 0.33, 0.33]
        let config = try ExperimentConfig(
            key: "welcome-message-timing",
            variants: weights.enumerated().map { Variant(key: "v\($0.offset)", weight: $0.element) },
            hashVersion: version)
        var counts = [0, 0, 0]
        for i in 0..<Self.users {
            counts[config.assign(id: "user-\(i)").variationIndex!] += 1
        }
        let chi = zip(counts, weights).reduce(0.0) { sum, pair in
            let expected = Double(Self.users) * pair.1
            return sum + (Double(pair.0) - expected) * (Double(pair.0) - expected) / expected
        }
        #expect(chi < ChiSquare999.quantile[2]!, "counts \(counts), chi-square \(chi)")
    }

    @Test("assignment is independent across experiments with different seeds")
    func independentAcrossSeeds() throws {
        let variants = (0..<3).map { Variant(key: "v\($0)", weight: 1.0 / 3) }
        let a = try ExperimentConfig(key: "onboarding-checklist", variants: variants)
        let b = try ExperimentConfig(key: "reengagement-channel", variants: variants)
        var table = [[Int]](repeating: [0, 0, 0], count: 3)
        for i in 0..<Self.users {
            let id = "user-\(i)"
            table[a.assign(id: id).variationIndex!][b.assign(id: id).variationIndex!] += 1
        }
        let rows = table.map { $0.reduce(0, +) }
        let cols = (0..<3).map { j in table.reduce(0) { $0 + $1[j] } }
        var chi = 0.0
        for i in 0..<3 {
            for j in 0..<3 {
                let expected = Double(rows[i]) * Double(cols[j]) / Double(Self.users)
                chi += (Double(table[i][j]) - expected) * (Double(table[i][j]) - expected) / expected
            }
        }
        #expect(chi < ChiSquare999.quantile[4]!, "table \(table), chi-square \(chi)")
    }
}
