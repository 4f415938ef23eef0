/// One variant's sufficient statistics; the variant entry of a summary file (docs/summary-file.md).
public struct SummaryVariant: Sendable, Equatable, Codable {
    /// The variant key.
    public var key: String
    /// Units (for funnel steps on the previous-step basis: units that reached the previous step).
    public var units: Int
    /// Units converted (proportion).
    public var conversions: Int?
    /// Σ per-unit value (mean).
    public var sum: Double?
    /// Σ per-unit value² (mean).
    public var sumSquares: Double?
    /// The sums a ratio's delta method needs.
    public var ratio: RatioSums?
    /// Kaplan–Meier input: distinct times in minutes with events and censorings at each.
    public var survival: [SurvivalPoint]?
    /// A pre-exposure covariate x with the metric's per-unit value y, for CUPED (proportion and mean).
    public var covariate: CovariateSums?
    /// Distinct per-unit values with their counts, ascending, for quantile comparisons (mean metrics with a `quantile`).
    public var distribution: [ValueCount]?
    /// Units exposed whose metric window had not closed by the end of observation (a windowed
    /// metric from event logs): they are not in `units` or any sum, since counting them would score
    /// every unit that had no time to convert as a failure. Absent when no unit is maturing.
    public var maturing: Int?

    /// Creates a variant entry.
    public init(
        key: String, units: Int, conversions: Int? = nil, sum: Double? = nil, sumSquares: Double? = nil,
        ratio: RatioSums? = nil, survival: [SurvivalPoint]? = nil, covariate: CovariateSums? = nil,
        distribution: [ValueCount]? = nil, maturing: Int? = nil
    ) {
        self.maturing = maturing
        self.distribution = distribution
        self.covariate = covariate
        self.key = key
        self.units = units
        self.conversions = conversions
        self.sum = sum
        self.sumSquares = sumSquares
        self.ratio = ratio
        self.survival = survival
    }
}

