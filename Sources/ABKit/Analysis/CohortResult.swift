import ABSummary
import ABStats

/// The primary metric's effect per exposure-week cohort with a test of heterogeneity across the
/// cohorts: the result JSON's `cohorts`. Units first exposed in days 1–7 of the experiment form
/// week 1, days 8–14 week 2, and so on; each cohort keeps all of its outcomes so far.
///
/// An effect that differs between cohorts points to novelty (early cohorts react more),
/// seasonality, or a change in who enters; the pooled effect then hides it.
public struct CohortResult: Codable, Sendable, Equatable {
    /// The metric id (the timeline's, the primary metric).
    public var metric: String
    /// `proportion` or `mean`.
    public var type: StatisticShape
    /// Days per cohort (7).
    public var cohortDays: Int
    /// One entry per cohort with units, in time order.
    public var cohorts: [Cohort]
    /// Per variant, Cochran's Q across the cohorts whose comparison could be computed (at least 2).
    public var heterogeneity: [CohortHeterogeneityBlock]
    /// What could not be computed and why.
    public var notes: [String]?

    /// One exposure-week cohort.
    public struct Cohort: Codable, Sendable, Equatable {
        /// 1-based week of first exposure.
        public var week: Int
        /// The first and last UTC dates of the week (`YYYY-MM-DD`).
        public var start: String
        /// The last date of the week.
        public var end: String
        /// One entry per variant, control first.
        public var variants: [CohortVariant]
    }
}

/// One variant in one cohort; the comparison fields are absent for control and when not computable.
public struct CohortVariant: Codable, Sendable, Equatable {
    /// The variant key.
    public var key: String
    /// Units first exposed in the cohort's week.
    public var units: Int
    /// Rate or mean; absent without units.
    public var mean: Double?
    /// variant − control within the cohort.
    public var absoluteLift: Double?
    /// Its standard error (the weight in Cochran's Q is 1/se²).
    public var standardError: Double?
    /// 1 − alpha interval of the absolute lift.
    public var ci: ConfidenceInterval?
    /// variant / control − 1 within the cohort.
    public var relativeLift: Double?
}

/// Cochran's Q test of one variant's effect across cohorts, with the pooled effects.
public struct CohortHeterogeneityBlock: Codable, Sendable, Equatable {
    /// The variant key.
    public var key: String
    /// Cohorts in the test.
    public var cohorts: Int
    /// Cochran's Q.
    public var q: Double
    /// cohorts − 1.
    public var degreesOfFreedom: Int
    /// P(χ² ≥ Q): small when the effect differs between cohorts.
    public var pValue: Double
    /// I², the share of the spread beyond chance, in [0, 1).
    public var iSquared: Double
    /// The between-cohort variance τ² (DerSimonian–Laird).
    public var tauSquared: Double
    /// The inverse-variance pooled absolute effect.
    public var fixedEffect: Double
    /// Its standard error.
    public var fixedEffectStandardError: Double
    /// The random-effects pooled absolute effect.
    public var randomEffect: Double
    /// Its standard error.
    public var randomEffectStandardError: Double
    /// Whether p < alpha: the effect depends on the exposure week.
    public var heterogeneous: Bool
}
