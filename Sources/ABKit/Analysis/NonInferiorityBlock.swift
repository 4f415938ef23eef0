import ABStats

/// The `nonInferiority` block of a variant: is it at most the margin worse than control?
///
/// One-sided at alpha: for an increase goal H0 effect ≤ −margin, and `bound` is the lower
/// 1 − alpha confidence bound; for a decrease goal H0 effect ≥ +margin, and `bound` is the upper one.
public struct NonInferiorityBlock: Codable, Sendable, Equatable {
    /// The margin as the experiment file gives it (0.02).
    public var margin: Double
    /// `relative` (of control's rate or mean) or `absolute`.
    public var scale: MarginScale
    /// The effect at the null boundary on `scale` of the test: −margin or +margin; for a relative
    /// margin on a mean, the absolute boundary margin × |control mean|.
    public var threshold: Double
    /// The test: `proportion-difference-wald`, `proportion-ratio-log` or `welch-t`.
    public var method: NonInferiorityMethod
    /// The observed effect on the test's scale (variant / control − 1 for a relative test of rates).
    public var effect: Double
    /// The one-sided 1 − alpha confidence bound of the effect.
    public var bound: Double
    /// z or t against the threshold.
    public var statistic: Double
    /// The one-sided p-value.
    public var pValue: Double
    /// Whether the variant is shown not worse than the margin (p < alpha).
    public var nonInferior: Bool

    /// The block of a test with the margin as written.
    init(_ test: NonInferiorityResult, margin: NonInferiorityMargin) {
        self.margin = margin.value
        scale = margin.scale
        threshold = test.threshold
        method = test.method
        effect = test.effect
        bound = test.bound
        statistic = test.statistic
        pValue = test.pValue
        nonInferior = test.isNonInferior
    }
}
