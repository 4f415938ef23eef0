/// The always-valid interval and p-value of one comparison at one look.
///
/// Both stay valid however often and whenever the experiment is looked at: the probability
/// that the interval misses the true difference at any look is at most 1 − `confidenceLevel`.
public struct AlwaysValidResult: Hashable, Sendable {
    /// The estimated difference, variant − control.
    public let estimate: Double
    /// Its standard error.
    public let standardError: Double
    /// Units observed so far (both groups together).
    public let units: Int
    /// 1 − alpha.
    public let confidenceLevel: Double
    /// The always-valid (confidence-sequence) interval of the difference at this look.
    public let confidenceInterval: ConfidenceInterval
    /// The always-valid p-value: the smallest alpha whose interval excludes 0, capped at 1.
    public let pValue: Double
    /// The natural log of the mixture e-value against a zero difference (p = min(1, e^−logEValue)).
    public let logEValue: Double
    /// variant / control − 1, when the result came from two samples and control's estimate is not 0.
    public var relativeLift: Double? = nil
    /// The always-valid interval of the relative lift: lift ± m · se_rel, with the delta-method
    /// standard error se_rel and the same multiplier m = half-width / se as the difference.
    public var relativeConfidenceInterval: ConfidenceInterval? = nil

    /// Whether the always-valid interval excludes 0 at level 1 − `confidenceLevel`.
    public var isSignificant: Bool { !confidenceInterval.contains(0) }
}
