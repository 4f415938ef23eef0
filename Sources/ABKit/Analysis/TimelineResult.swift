import ABSummary
import ABStats

/// The primary metric compared with control cumulatively by exposure day: the result JSON's
/// `timeline`. Day d counts every unit first exposed on or before d, with all of its outcomes.
public struct TimelineResult: Codable, Sendable, Equatable {
    /// The metric id.
    public var metric: String
    /// `proportion` or `mean`.
    public var type: StatisticShape
    /// One entry per exposure day, in date order.
    public var days: [TimelineDay]
}

/// The cumulative comparison up to one UTC date.
public struct TimelineDay: Codable, Sendable, Equatable {
    /// The UTC date of exposure, `YYYY-MM-DD`.
    public var date: String
    /// One entry per variant, control first.
    public var variants: [TimelineVariant]
}

/// One variant's cumulative numbers up to a day. The comparison fields are absent for control
/// and wherever the comparison is not computable yet (no units, or control's mean still 0).
public struct TimelineVariant: Codable, Sendable, Equatable {
    /// The variant key.
    public var key: String
    /// Units exposed so far.
    public var units: Int
    /// Rate or mean so far; absent without units.
    public var mean: Double?
    /// variant − control.
    public var absoluteLift: Double?
    /// variant / control − 1.
    public var relativeLift: Double?
    /// 1 − alpha delta-method interval of the relative lift.
    public var relativeCi: ConfidenceInterval?
    /// The test the interval comes from (`two-proportion-z`, `fisher-exact` or `welch-t`).
    public var test: ComparisonTest?
}
