/// Which way a metric should move; non-inferiority protects the other direction.
public enum MetricGoal: String, Hashable, Sendable, Codable, CaseIterable {
    /// Larger is better (conversion, revenue): the variant must not be worse by more than the
    /// margin, H0: effect ≤ −margin.
    case increase
    /// Smaller is better (latency, unsubscribes): the variant must not be worse by more than
    /// the margin, H0: effect ≥ +margin.
    case decrease
}

extension MetricGoal {
    /// The sign of a change in the bad direction: −1 when the goal is to increase, +1 to decrease.
    public var worseSign: Double {
        switch self {
        case .increase: -1
        case .decrease: 1
        }
    }

    /// The one-sided p-value of a statistic against the boundary: upper tail for `increase`
    /// (H1: effect > −margin), lower tail for `decrease` (H1: effect < margin).
    func oneSidedPValue(_ statistic: Double, survival: (Double) -> Double) -> Double {
        switch self {
        case .increase: survival(statistic)
        case .decrease: survival(-statistic)
        }
    }
}
