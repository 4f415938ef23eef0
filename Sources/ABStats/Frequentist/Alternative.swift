/// The alternative hypothesis of a comparison of a variant with control.
public enum Alternative: String, Hashable, Sendable, Codable, CaseIterable {
    /// The variant differs from control in either direction.
    case twoSided = "two-sided"
    /// The variant is larger than control.
    case greater
    /// The variant is smaller than control.
    case less

    /// The p-value of a statistic whose null distribution is symmetric about zero,
    /// given the distribution's survival function. Uses the survival function on both
    /// sides so that tiny p-values are not lost to `1 − cdf` rounding.
    package func pValue(statistic: Double, survival: (Double) -> Double) -> Double {
        switch self {
        case .twoSided: return min(1, 2 * survival(abs(statistic)))
        case .greater: return survival(statistic)
        case .less: return survival(-statistic)
        }
    }
}
