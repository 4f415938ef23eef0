import ABSummary
import ABEvents
import ABStats

/// The result of an analysis, encoded as the result JSON of docs/result-json.md (schemaVersion 1).
///
/// Field names are a public contract: add fields freely, never rename or drop one.
public struct AnalysisResult: Codable, Sendable, Equatable {
    /// The version of this JSON layout.
    public var schemaVersion = 1
    /// The experiment id.
    public var experiment: String
    /// The control variant's key.
    public var control: String
    /// The sample ratio mismatch check, when weights are known.
    public var srm: SRMResult?
    /// One entry per metric.
    public var metrics: [MetricResult]
    /// The decision, when an experiment file defines the rules.
    public var decision: DecisionResult?
    /// Line and unit accounting of the input.
    public var data: DataAccounting
    /// Settings the numbers were computed with.
    public var settings: SettingsRecord
    /// The primary metric's cumulative lift by exposure day, when the input has a timeline.
    public var timeline: TimelineResult?
    /// The primary metric's effect per exposure-week cohort with Cochran's Q, when the timeline spans two weeks or more.
    public var cohorts: CohortResult?
    /// Metrics not measurable yet: some variant's units are all still inside the metric's window.
    public var maturingMetrics: [MaturingMetric]?
    /// For a global holdout's analysis: its draw and age.
    public var holdout: HoldoutStatus?
}

/// The SRM block of the result JSON.
public struct SRMResult: Codable, Sendable, Equatable {
    /// P-value of the chi-square goodness-of-fit test.
    public var pValue: Double
    /// Whether the p-value is below the threshold.
    public var mismatch: Bool
    /// Observed units per variant.
    public var observed: KeyedValues<Int>
    /// Expected units per variant from the weights.
    public var expected: KeyedValues<Double>
    /// The chi-square statistic.
    public var statistic: Double
    /// The threshold used.
    public var threshold: Double
}

/// One metric's results.
public struct MetricResult: Codable, Sendable, Equatable {
    /// The metric id.
    public var id: String
    /// `proportion`, `mean`, `ratio` or `survival`.
    public var type: StatisticShape
    /// One entry per variant, control first.
    public var variants: [VariantResult]
    /// The chi-square test across all variants (proportions with three or more variants).
    public var omnibus: OmnibusResult?
    /// Things a reader should know, such as a test that could not be computed and why.
    public var notes: [String]?
    /// The experiment-file metric this comes from, when it differs from `id` (funnel steps, slices).
    public var metric: String?
    /// For a funnel step: its position and basis.
    public var funnel: FunnelPosition?
    /// For a dimension slice: the attribute and its value (slices are corrected apart from the metrics).
    public var dimension: DimensionSlice?
    /// The trend test across variants ordered by dose, when every variant has one.
    public var trend: TrendBlock?
    /// `decrease` for a lower-is-better metric (absent: increase). Chance to beat control,
    /// expected loss, chance to be best and the reports' win/loss marks follow it.
    public var goal: MetricGoal?
    /// The quadratic dose–response curve and best dose, when every variant has a dose and there are three or more.
    public var doseResponse: DoseResponseBlock?
}

/// A quantile (e.g. the median) of a variant's per-unit values; for variants, its difference
/// with control's (Price–Bonett standard error from the order-statistic intervals).
public struct QuantileBlock: Codable, Sendable, Equatable {
    /// The quantile level (0.5 = median).
    public var level: Double
    /// The sample quantile.
    public var estimate: Double
    /// Its distribution-free order-statistic interval at 1 − alpha, when the group is large enough.
    public var interval: ConfidenceInterval?
    /// variant − control (variants only).
    public var difference: Double?
    /// 1 − alpha interval of the difference (variants only).
    public var ci: ConfidenceInterval?
    /// Two-sided p-value of the difference (variants only).
    public var pValue: Double?
}

/// Time to event for one variant (survival metrics), in minutes since exposure.
public struct SurvivalBlock: Codable, Sendable, Equatable {
    /// Kaplan–Meier median, absent while more than half the units have not had the event.
    public var median: Double?
    /// 1 − alpha interval of the median; an end is absent when the curve's band never crosses 1/2.
    public var medianLower: Double?
    /// Upper end of the median's interval.
    public var medianUpper: Double?
    /// Restricted mean time to event up to `horizon`.
    public var restrictedMean: Double
    /// The horizon of the restricted mean: the shortest follow-up among the variants.
    public var horizon: Double
    /// Log-rank test against control (variants only).
    public var logRankStatistic: Double?
    /// Log-rank p-value (variants only).
    public var logRankPValue: Double?
    /// The Kaplan–Meier curve as the share of units still without the event: (0, 1), then one
    /// point per event time (at most 120, evenly thinned), then the end of follow-up.
    public var curve: [KaplanMeierPoint]?
}

/// One point of a Kaplan–Meier curve: S(t) from `time` (minutes since exposure) until the next point.
public struct KaplanMeierPoint: Codable, Sendable, Equatable {
    /// Minutes since exposure.
    public var time: Double
    /// The share of units still without the event.
    public var survival: Double
}

/// One variant's results for one metric. Comparison fields are absent for control.
public struct VariantResult: Codable, Sendable, Equatable {
    /// The variant key.
    public var key: String
    /// Units.
    public var units: Int
    /// Rate (proportions) or mean.
    public var mean: Double
    /// Conversions, for proportions.
    public var conversions: Int?
    /// Sample standard deviation, for means.
    public var standardDeviation: Double?
    /// variant − control.
    public var absoluteLift: Double?
    /// variant / control − 1.
    public var relativeLift: Double?
    /// The frequentist comparison with control.
    public var frequentist: FrequentistBlock?
    /// The Bayesian comparison with control.
    public var bayesian: BayesianBlock?
    /// The Beta posterior of the rate, for proportions.
    public var posterior: PosteriorBlock?
    /// Kaplan–Meier summaries, for survival metrics.
    public var survival: SurvivalBlock?
    /// The metric's quantile of the per-unit values (mean metrics that ask for one).
    public var quantile: QuantileBlock?
    /// The always-valid or group-sequential comparison, when the analysis is sequential.
    public var sequential: SequentialBlock?
    /// The CUPED-adjusted comparison, when every variant of the metric carries a covariate.
    public var cuped: CUPEDBlock?
    /// The one-sided non-inferiority test, when the metric has a `nonInferiorityMargin`.
    public var nonInferiority: NonInferiorityBlock?
    /// Units left out of `units` because the metric's window had not closed by the end of the
    /// data (or `analysis.asOf`); absent when none.
    public var maturing: Int?
}

/// The `frequentist` block of a variant.
public struct FrequentistBlock: Codable, Sendable, Equatable {
    /// `two-proportion-z`, `fisher-exact` or `welch-t`.
    public var test: ComparisonTest
    /// z, t, or Fisher's sample odds ratio; absent when undefined.
    public var statistic: Double?
    /// Degrees of freedom of t.
    public var degreesOfFreedom: Double?
    /// The raw p-value.
    public var pValue: Double
    /// The p-value after the analysis' multiple-comparison correction.
    public var adjustedPValue: Double
    /// 1 − alpha interval of the absolute difference.
    public var ci: ConfidenceInterval
    /// 1 − alpha delta-method interval of the relative lift; absent when control's mean is 0.
    public var relativeCi: ConfidenceInterval?
    /// Standard error of the absolute difference.
    public var standardError: Double?
    /// Delta-method standard error of the relative lift.
    public var relativeStandardError: Double?
}

extension FrequentistBlock {
    /// The block of a comparison, before any correction (adjusted p = raw p).
    init(_ comparison: ComparisonResult) {
        self.init(
            test: comparison.test, statistic: comparison.statistic, degreesOfFreedom: comparison.degreesOfFreedom,
            pValue: comparison.pValue, adjustedPValue: comparison.pValue,
            ci: comparison.confidenceInterval, relativeCi: comparison.relativeConfidenceInterval,
            standardError: comparison.standardError, relativeStandardError: comparison.relativeStandardError)
    }
}

/// The `bayesian` block of a variant.
public struct BayesianBlock: Codable, Sendable, Equatable {
    /// P(variant better than control): P(variant > control), or P(variant < control) for a
    /// metric whose goal is to decrease.
    public var chanceToBeatControl: Double
    /// What choosing the variant costs when it is worse: E[max(control − variant, 0)], or
    /// E[max(variant − control, 0)] for a decrease goal.
    public var expectedLoss: Double
    /// P(variant is the best of all variants).
    public var chanceToBeBest: Double?
    /// 1 − alpha credible interval of the difference variant − control.
    public var credibleInterval: ConfidenceInterval?
}

/// The `posterior` block of a variant (proportions).
public struct PosteriorBlock: Codable, Sendable, Equatable {
    /// Posterior Beta alpha.
    public var alpha: Double
    /// Posterior Beta beta.
    public var beta: Double
    /// Equal-tailed 1 − alpha credible interval of the rate.
    public var credibleInterval: ConfidenceInterval
}

/// The chi-square test of independence across all variants.
public struct OmnibusResult: Codable, Sendable, Equatable {
    /// Always `chi-square`.
    public var test: String
    /// Pearson's statistic.
    public var statistic: Double
    /// k − 1.
    public var degreesOfFreedom: Int
    /// P-value.
    public var pValue: Double
}

/// The decision block.
public struct DecisionResult: Codable, Sendable, Equatable {
    /// `ship`, `block` or `inconclusive`.
    public var verdict: Verdict
    /// One human-readable reason per rule.
    public var reasons: [String]
    /// The same rules with their status, for JUnit and CI annotations.
    public var rules: [RuleOutcome]?
    /// When the verdict is inconclusive and a planned effect is known: the power reached so far
    /// and the units still needed.
    public var power: PowerProgress?

    /// Creates a decision.
    public init(verdict: Verdict, reasons: [String], rules: [RuleOutcome]? = nil) {
        self.verdict = verdict
        self.reasons = reasons
        self.rules = rules
    }
}

/// How far an inconclusive experiment is from detecting its planned effect on the primary metric.
public struct PowerProgress: Codable, Sendable, Equatable {
    /// The planned relative effect (the decision's `plannedRelativeEffect`).
    public var plannedRelativeEffect: Double
    /// Power to detect it with the smallest variant's units now (statsmodels' NormalIndPower convention).
    public var achievedPower: Double
    /// The power aimed for (0.8).
    public var targetPower: Double
    /// Units per variant that give the target power.
    public var unitsPerVariantNeeded: Int
    /// Units per variant still to collect (0 when enough).
    public var unitsPerVariantStillNeeded: Int
}

/// The settings a result was computed with.
public struct SettingsRecord: Codable, Sendable, Equatable {
    /// Significance level.
    public var alpha: Double
    /// Correction method.
    public var correction: MultipleComparisonCorrection
    /// Beta prior [a, b].
    public var prior: [Double]
    /// Alternative hypothesis.
    public var alternative: Alternative
    /// Which p-values were corrected together.
    public var correctionScope: AnalysisOptions.CorrectionScope
    /// The sequential design, when the analysis is sequential.
    public var sequential: SequentialOptions?
    /// Whether decisions use the CUPED-adjusted comparison (absent: they do not).
    public var cuped: Bool?
}
