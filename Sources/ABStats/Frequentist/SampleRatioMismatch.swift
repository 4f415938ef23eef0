/// The sample ratio mismatch check: a chi-square goodness-of-fit test of the observed units
/// per variant against the configured weights, as scipy `chisquare(observed, expected)`.
///
/// A tiny p-value means the split is not what the assignment intended (a bug in assignment,
/// logging or filtering), and no comparison of the variants can be trusted.
public struct SampleRatioMismatch: Hashable, Sendable {
    /// The default threshold below which a mismatch is flagged.
    public static let defaultThreshold = 0.001
    /// How far the weights may sum from 1.
    public static let weightTolerance = 1e-6

    /// Observed units per variant, in input order.
    public let observed: [Int]
    /// Expected units per variant: total × weight.
    public let expected: [Double]
    /// The Pearson statistic.
    public let statistic: Double
    /// k − 1.
    public let degreesOfFreedom: Int
    /// P(χ²(k − 1) > statistic).
    public let pValue: Double
    /// The threshold the p-value was compared with.
    public let threshold: Double

    /// Whether the p-value is below the threshold.
    public var isMismatch: Bool { pValue < threshold }

    /// Runs the check. `labels` name the variants in errors.
    public init(observed: [Int], weights: [Double], labels: [String]? = nil, threshold: Double = defaultThreshold) throws {
        let names = labels ?? observed.indices.map { "variant \($0)" }
        guard observed.count == weights.count, names.count == observed.count else {
            throw StatsError.invalidParameter(
                name: "weights", value: "\(weights.count) weights for \(observed.count) variants",
                expected: "one weight per variant")
        }
        guard observed.count >= 2 else {
            throw StatsError.notComputable(test: "sample ratio mismatch check", reason: "it needs at least 2 variants")
        }
        guard threshold.isFinite, threshold > 0, threshold < 1 else {
            throw StatsError.invalidParameter(name: "srmThreshold", value: "\(threshold)", expected: "a number strictly between 0 and 1")
        }
        for (index, weight) in weights.enumerated() where !(weight.isFinite && weight > 0) {
            throw StatsError.invalidVariant(variant: names[index], field: "weight", reason: "must be a finite number > 0 (got \(ExactNumber.text(weight)))")
        }
        for (index, count) in observed.enumerated() where count < 0 || count > UnitCount.maximum {
            throw StatsError.invalidVariant(variant: names[index], field: "units", reason: "must be from 0 to \(UnitCount.maximum) (got \(count))")
        }
        let weightSum = weights.reduce(0, +)
        guard abs(weightSum - 1) <= Self.weightTolerance else {
            throw StatsError.invalidParameter(name: "weights", value: "sum \(weightSum)", expected: "weights that sum to 1 within 1e-6")
        }
        // Summed as Doubles: many variants of up to 2^53 units each would overflow an Int total.
        let total = observed.reduce(0.0) { $0 + Double($1) }
        guard total > 0 else {
            throw StatsError.notComputable(test: "sample ratio mismatch check", reason: "no units were observed")
        }
        let expected = weights.map { total * $0 }
        var statistic = 0.0
        for (count, expectation) in zip(observed, expected) {
            let delta = Double(count) - expectation
            statistic += delta * delta / expectation
        }
        self.observed = observed
        self.expected = expected
        self.statistic = statistic
        self.degreesOfFreedom = observed.count - 1
        self.pValue = try ChiSquared(degreesOfFreedom: Double(observed.count - 1)).sf(statistic)
        self.threshold = threshold
    }
}
