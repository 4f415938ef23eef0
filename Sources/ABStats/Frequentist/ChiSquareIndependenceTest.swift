/// The chi-square test of independence of variant and conversion across all k variants,
/// as scipy `chi2_contingency(correction=False)` on the k × 2 table.
public struct ChiSquareIndependenceTest: Hashable, Sendable {
    /// The Pearson statistic Σ (observed − expected)² / expected.
    public let statistic: Double
    /// k − 1.
    public let degreesOfFreedom: Int
    /// P(χ²(k − 1) > statistic).
    public let pValue: Double

    /// Runs the test over `samples` (at least two groups).
    public init(_ samples: [ProportionSample]) throws {
        guard samples.count >= 2 else {
            throw StatsError.notComputable(test: "chi-square test of independence", reason: "it needs at least 2 variants (got \(samples.count))")
        }
        // Summed as Doubles: each group holds up to 2^53 units, and a thousand such groups
        // would overflow an Int total.
        let total = samples.reduce(0.0) { $0 + Double($1.units) }
        let converted = samples.reduce(0.0) { $0 + Double($1.conversions) }
        guard converted > 0, converted < total else {
            throw StatsError.notComputable(
                test: "chi-square test of independence",
                reason: converted == 0 ? "no unit converted in any variant" : "every unit converted in every variant")
        }
        var statistic = 0.0
        for sample in samples {
            let units = Double(sample.units)
            let expectedConverted = units * converted / total
            let expectedNot = units - expectedConverted
            let deltaConverted = Double(sample.conversions) - expectedConverted
            statistic += deltaConverted * deltaConverted / expectedConverted + deltaConverted * deltaConverted / expectedNot
        }
        self.statistic = statistic
        self.degreesOfFreedom = samples.count - 1
        self.pValue = try ChiSquared(degreesOfFreedom: Double(samples.count - 1)).sf(statistic)
    }
}
