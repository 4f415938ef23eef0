/// The kind of sufficient statistics a summary metric carries (its `type` in a summary file).
public enum StatisticShape: String, Codable, Sendable, CaseIterable {
    /// Units and conversions.
    case proportion
    /// Units, sum and sum of squares of a per-unit value.
    case mean
    /// Units and the sums of a per-unit numerator and denominator (`ratio`).
    case ratio
    /// Units and a table of times to the event with censoring (`survival`).
    case survival

    /// What a variant's estimate holds, as a column title.
    public var valueLabel: String {
        switch self {
        case .proportion: "rate"
        case .mean: "mean"
        case .ratio: "ratio"
        case .survival: "RMST (min)"
        }
    }
}
