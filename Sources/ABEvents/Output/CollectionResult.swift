/// What a collection produces: per-variant sufficient statistics for each metric (and each
/// dimension slice and funnel step), and the accounting of every line and unit.
public struct CollectionResult: Sendable, Equatable {
    /// The experiment id.
    public var experiment: String
    /// Variant keys, in the plan's order.
    public var variants: [String]
    /// Units per variant (same order).
    public var unitsPerVariant: [Int]
    /// The metrics: for each plan metric its overall statistics first, then its funnel steps,
    /// then its dimension slices.
    public var metrics: [CollectedMetric]
    /// Where every line and unit went.
    public var accounting: CollectionAccounting
    /// The plan's timeline metric by exposure day, when exposure times are known (event logs).
    public var timeline: CollectedTimeline?
}

/// One metric's per-variant sufficient statistics.
public struct CollectedMetric: Sendable, Equatable {
    /// The kind of sufficient statistics.
    public enum Statistic: String, Sendable, Equatable {
        /// Units and conversions.
        case proportion
        /// Units, sum and sum of squares of a per-unit value.
        case mean
        /// Units and the five sums of a per-unit numerator and denominator.
        case ratio
        /// Units and a table of (time, events, censored).
        case survival
    }

    /// The id as reported: `activated_7d`, `onboarding.invited_teammate`, `activated_7d[country=US]`.
    public var id: String
    /// The plan metric it comes from.
    public var metric: String
    /// The kind of statistics.
    public var statistic: Statistic
    /// For funnel steps: where in the funnel.
    public var funnel: FunnelPosition?
    /// For dimension slices: which slice.
    public var dimension: DimensionSlice?
    /// The quantile compared besides the mean (mean metrics), when the metric asks for one.
    public var quantile: Double?
    /// One entry per variant, in the plan's order.
    public var variants: [CollectedVariant]
}

/// A funnel step: the step's number (1-based), its event, and what its rate is relative to.
public struct FunnelPosition: Sendable, Equatable, Codable {
    /// What the step's rate divides by.
    public enum Basis: String, Sendable, Equatable, Codable {
        /// All exposed units.
        case exposure
        /// Units that reached the previous step.
        case previousStep
    }

    /// The funnel metric's id.
    public var funnel: String
    /// 1 for the first step.
    public var step: Int
    /// The step's event.
    public var event: String
    /// The denominator.
    public var basis: Basis
}

/// A dimension slice: units whose attribute `name` equals `value`.
public struct DimensionSlice: Sendable, Equatable, Codable {
    /// The attribute.
    public var name: String
    /// Its value.
    public var value: String
}

/// One variant's sufficient statistics; also the variant entry of a summary file (docs/summary-file.md).
public struct CollectedVariant: Sendable, Equatable, Codable {
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

    /// Creates a variant entry.
    public init(
        key: String, units: Int, conversions: Int? = nil, sum: Double? = nil, sumSquares: Double? = nil,
        ratio: RatioSums? = nil, survival: [SurvivalPoint]? = nil, covariate: CovariateSums? = nil,
        distribution: [ValueCount]? = nil
    ) {
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

/// Σx, Σy, Σx², Σy², Σxy over units, for a ratio Σx/Σy.
public struct RatioSums: Sendable, Equatable, Codable {
    /// Σ numerator.
    public var numerator: Double = 0
    /// Σ denominator.
    public var denominator: Double = 0
    /// Σ numerator².
    public var numeratorSquares: Double = 0
    /// Σ denominator².
    public var denominatorSquares: Double = 0
    /// Σ numerator × denominator.
    public var cross: Double = 0

    /// Empty sums.
    public init() {}

    /// Sums as given.
    public init(numerator: Double, denominator: Double, numeratorSquares: Double, denominatorSquares: Double, cross: Double) {
        self.numerator = numerator
        self.denominator = denominator
        self.numeratorSquares = numeratorSquares
        self.denominatorSquares = denominatorSquares
        self.cross = cross
    }
}

/// A per-unit value and how many units have it.
public struct ValueCount: Sendable, Equatable, Codable {
    /// The value.
    public var value: Double
    /// Units with that value.
    public var count: Int

    /// Creates an entry.
    public init(value: Double, count: Int) {
        self.value = value
        self.count = count
    }
}

/// Σx, Σx², Σxy over units of a pre-exposure covariate x and the metric's per-unit value y
/// (y is 0 or 1 for a proportion), so CUPED can adjust the comparison.
public struct CovariateSums: Sendable, Equatable, Codable {
    /// Σx.
    public var sum: Double = 0
    /// Σx².
    public var sumSquares: Double = 0
    /// Σxy.
    public var sumProducts: Double = 0

    /// Empty sums.
    public init() {}

    /// Sums as given.
    public init(sum: Double, sumSquares: Double, sumProducts: Double) {
        self.sum = sum
        self.sumSquares = sumSquares
        self.sumProducts = sumProducts
    }
}

/// One time of a survival table.
public struct SurvivalPoint: Sendable, Equatable, Codable {
    /// Minutes since exposure (rounded up).
    public var time: Double
    /// Units whose event happened at this time.
    public var events: Int
    /// Units last observed at this time without the event.
    public var censored: Int
}
