import ABStats

/// A non-inferiority margin as the experiment file gives it: 0.02 relative means "not worse
/// than −2% of control" (for a decrease goal, "not more than +2%").
public struct NonInferiorityMargin: Sendable, Equatable, Codable {
    /// The margin, > 0.
    public var value: Double
    /// Relative to control (the default) or absolute, in the metric's units.
    public var scale: MarginScale

    /// Creates a margin.
    public init(value: Double, scale: MarginScale = .relative) {
        self.value = value
        self.scale = scale
    }
}
