/// A one-sided non-inferiority test of a variant against control.
///
/// For goal `increase`: H0 effect ≤ −margin against H1 effect > −margin, with the one-sided
/// lower confidence bound at 1 − alpha; for `decrease`: H0 effect ≥ +margin against H1 effect <
/// +margin, with the upper bound. The variant is non-inferior when the p-value is below alpha,
/// which for these Wald-type tests is the same as the bound clearing the threshold.
public struct NonInferiorityResult: Hashable, Sendable {
    /// The test that produced the result.
    public let method: NonInferiorityMethod
    /// The metric's goal, which fixes the direction of the test.
    public let goal: MetricGoal
    /// Whether the margin and the effect are absolute or relative.
    public let scale: MarginScale
    /// The margin, > 0, on `scale`.
    public let margin: Double
    /// The effect at the null boundary: −margin for `increase`, +margin for `decrease`.
    public let threshold: Double
    /// Control's rate or mean.
    public let controlEstimate: Double
    /// The variant's rate or mean.
    public let variantEstimate: Double
    /// The observed effect on `scale`: variant − control, or variant / control − 1.
    public let effect: Double
    /// Standard error of the effect (absolute scale) or of the log ratio (relative scale).
    public let standardError: Double
    /// The z or t statistic against the threshold.
    public let statistic: Double
    /// Welch–Satterthwaite degrees of freedom for the t-test; `nil` for z-tests.
    public let degreesOfFreedom: Double?
    /// The one-sided p-value.
    public let pValue: Double
    /// The significance level alpha of the test.
    public let alpha: Double
    /// 1 − alpha, the level of `bound`.
    public var confidenceLevel: Double { 1 - alpha }
    /// The one-sided confidence bound of the effect: lower for `increase`, upper for `decrease`.
    public let bound: Double

    /// Whether H0 is rejected at `alpha`: the variant is not worse than the margin.
    public var isNonInferior: Bool { pValue < alpha }
}
