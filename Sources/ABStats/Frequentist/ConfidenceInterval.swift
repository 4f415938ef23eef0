/// A closed interval [lower, upper] of a difference or lift.
public struct ConfidenceInterval: Hashable, Sendable, Codable {
    /// Lower bound.
    public let lower: Double
    /// Upper bound.
    public let upper: Double

    /// Creates [lower, upper].
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Creates estimate ± halfWidth.
    public init(center: Double, halfWidth: Double) {
        self.init(lower: center - halfWidth, upper: center + halfWidth)
    }

    /// Whether `value` lies inside the interval (bounds included).
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// Encoded as a two-element array, as in the result JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(lower)
        try container.encode(upper)
    }

    /// Decoded from a two-element array.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        lower = try container.decode(Double.self)
        upper = try container.decode(Double.self)
    }
}
