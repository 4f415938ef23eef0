/// The minimum detectable effect of a design.
public struct DetectableEffect: Hashable, Sendable {
    /// The standardized effect size (Cohen's h or d).
    public let effectSize: Double
    /// variant − control, in the metric's units.
    public let absoluteLift: Double
    /// variant / control − 1; `nil` when the baseline is 0.
    public let relativeLift: Double?
}
