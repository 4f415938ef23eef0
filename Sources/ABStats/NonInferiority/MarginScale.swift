/// How the non-inferiority margin is expressed.
public enum MarginScale: String, Hashable, Sendable, Codable, CaseIterable {
    /// variant − control, in the metric's units.
    case absolute
    /// variant / control − 1 (tested on the log of the ratio).
    case relative
}
