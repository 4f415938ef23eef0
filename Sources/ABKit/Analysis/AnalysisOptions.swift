import ABStats

/// The settings of one analysis: significance level, correction, prior and sidedness.
public struct AnalysisOptions: Sendable, Equatable {
    /// Significance level; intervals are at 1 − alpha.
    public var alpha: Double
    /// The multiple-comparison correction applied over every variant-vs-control p-value.
    public var correction: MultipleComparisonCorrection
    /// The Beta(a, b) prior of conversion rates.
    public var priorAlpha: Double
    /// The Beta(a, b) prior of conversion rates.
    public var priorBeta: Double
    /// The alternative hypothesis of every comparison.
    public var alternative: Alternative
    /// SRM p-values below this flag a mismatch.
    public var srmThreshold: Double
    /// Which p-values are corrected together.
    public var correctionScope: CorrectionScope
    /// Sequential testing; `nil` for a fixed-horizon analysis.
    public var sequential: SequentialOptions?
    /// Whether decisions (and sequential blocks) use the CUPED-adjusted comparison where covariates exist.
    public var cuped: Bool
    /// Each variant's dose (the experiment file's `variants[].dose`); when every variant of a
    /// metric has one, the metric gets a trend test across them.
    public var doses: [String: Double]?
    /// Each metric's goal and non-inferiority margin by metric id (absent: increase, no margin).
    /// Funnel steps and slices take their experiment-file metric's settings.
    public var metricSettings: [String: MetricSettings] = [:]

    /// The family of p-values that a multiple-comparison correction treats together.
    public enum CorrectionScope: String, Sendable, Equatable, CaseIterable, Codable {
        /// Every variant-vs-control p-value of every metric in the analysis (the strictest).
        case analysis
        /// The variants of each metric separately (common when guardrails should not dilute the primary metric).
        case metric
    }

    /// Creates options; the defaults are alpha 0.05, Holm over the whole analysis, Beta(1, 1),
    /// two-sided, SRM at 0.001, fixed horizon, unadjusted decisions.
    public init(
        alpha: Double = 0.05, correction: MultipleComparisonCorrection = .holm,
        priorAlpha: Double = 1, priorBeta: Double = 1, alternative: Alternative = .twoSided,
        srmThreshold: Double = SampleRatioMismatch.defaultThreshold, correctionScope: CorrectionScope = .analysis,
        sequential: SequentialOptions? = nil, cuped: Bool = false
    ) {
        self.sequential = sequential
        self.cuped = cuped
        self.correctionScope = correctionScope
        self.alpha = alpha
        self.correction = correction
        self.priorAlpha = priorAlpha
        self.priorBeta = priorBeta
        self.alternative = alternative
        self.srmThreshold = srmThreshold
    }

    /// Checks the options, naming the setting at fault.
    public func validate() throws {
        guard alpha.isFinite, alpha > 0, alpha < 1 else {
            throw ABKitError.invalidSetting("alpha", "must be a number strictly between 0 and 1 (got \(NumberText.exact(alpha)))")
        }
        // The statistics core's range (BetaBinomialModel.priorRange), checked here so that the
        // flag and the file's analysis.prior fail before any analysis runs.
        let range = BetaBinomialModel.priorRange
        guard range.contains(priorAlpha), range.contains(priorBeta) else {
            throw ABKitError.invalidSetting("prior", "(or analysis.prior in the experiment file) must be two numbers a,b, each from 0.001 to 1e9 (got \(NumberText.exact(priorAlpha)),\(NumberText.exact(priorBeta)))")
        }
        guard srmThreshold.isFinite, srmThreshold > 0, srmThreshold < 1 else {
            throw ABKitError.usage("the SRM threshold must be strictly between 0 and 1 (got \(NumberText.exact(srmThreshold)))")
        }
        try sequential?.validate()
    }
}
