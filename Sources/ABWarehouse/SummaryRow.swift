/// One row of a ``SummaryQuery`` result (columns ``SummaryQuery/resultColumns``).
///
/// The sums follow one layout for every metric: `y` is the per-unit value (0/1 for a proportion,
/// the value for a mean, the numerator for a ratio) and `x` the second per-unit quantity (a
/// CUPED covariate, or a ratio's denominator).
public struct SummaryRow: Sendable, Equatable {
    /// What a row holds.
    public enum Part: Int, Sendable, Equatable {
        /// A metric's sufficient statistics for one slice and variant (and minute or funnel depth).
        case statistics = 0
        /// A quantile metric's units with one per-unit value (`bucket`), for one slice and variant.
        case distribution = 1
        /// The timeline metric's statistics for the units first exposed on UTC day `bucket`
        /// (days since 1970-01-01).
        case timeline = 2
        /// A windowed metric's units whose window had not closed by the end of observation, for
        /// one slice and variant (`units`); the statistics rows leave them out.
        case maturing = 3
    }

    /// What the row holds.
    public var part: Part
    /// The plan metric's index; −1 for the row of excluded users.
    public var metricIndex: Int
    /// The dimension's index; −1 for all units.
    public var dimensionIndex: Int
    /// The dimension value.
    public var dimensionValue: String?
    /// The variant key.
    public var variant: String?
    /// Minutes (time to event), steps reached (funnel), the per-unit value (distribution) or the day (timeline).
    public var bucket: Double?
    /// Units.
    public var units: Int
    /// Conversions or events (excluded row: users logged in several variants).
    public var events: Int?
    /// Censored units (excluded row: users without a variant; timeline: maturing units).
    public var censored: Int?
    /// Σy.
    public var sumY: Double?
    /// Σy².
    public var sumYSquared: Double?
    /// Σx.
    public var sumX: Double?
    /// Σx².
    public var sumXSquared: Double?
    /// Σxy.
    public var sumXY: Double?

    /// Creates a row.
    public init(
        part: Part = .statistics, metricIndex: Int, dimensionIndex: Int, dimensionValue: String?, variant: String?, bucket: Double?,
        units: Int, events: Int? = nil, censored: Int? = nil, sumY: Double? = nil, sumYSquared: Double? = nil, sumX: Double? = nil,
        sumXSquared: Double? = nil, sumXY: Double? = nil
    ) {
        self.part = part
        self.metricIndex = metricIndex
        self.dimensionIndex = dimensionIndex
        self.dimensionValue = dimensionValue
        self.variant = variant
        self.bucket = bucket
        self.units = units
        self.events = events
        self.censored = censored
        self.sumY = sumY
        self.sumYSquared = sumYSquared
        self.sumX = sumX
        self.sumXSquared = sumXSquared
        self.sumXY = sumXY
    }
}
