/// One metric's per-variant sufficient statistics by UTC exposure day: the `timeline` of a summary
/// file. Each day holds the units first exposed that day (not cumulative); adding the days up
/// gives the metric's overall statistics.
///
/// ```json
/// "timeline": {"metric": "activated_7d", "type": "proportion", "days": [
///   {"date": "2026-11-02", "variants": [{"key": "immediate", "units": 310, "conversions": 61}, ...]}]}
/// ```
public struct SummaryTimeline: Codable, Sendable, Equatable {
    /// The metric id (the experiment's primary metric).
    public var metric: String
    /// `proportion` or `mean`.
    public var type: StatisticShape
    /// Days in date order.
    public var days: [SummaryDay]

    /// Creates a timeline.
    public init(metric: String, type: StatisticShape, days: [SummaryDay]) {
        self.metric = metric
        self.type = type
        self.days = days
    }
}

/// The units first exposed on one UTC date, per variant.
public struct SummaryDay: Sendable, Equatable, Codable {
    /// The UTC date of exposure, `YYYY-MM-DD`.
    public var date: String
    /// One entry per variant, in the plan's order (units 0 when none was exposed that day).
    public var variants: [SummaryVariant]

    /// Creates a day.
    public init(date: String, variants: [SummaryVariant]) {
        self.date = date
        self.variants = variants
    }
}
