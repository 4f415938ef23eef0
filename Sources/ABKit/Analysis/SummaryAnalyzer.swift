import ABSummary
import ABEvents
import ABStats
import Foundation

/// Runs every comparison that fits each metric of a summary and assembles the result JSON.
///
/// All analysis paths (summary files, event logs, user tables, warehouse queries) end in a
/// `SummaryFile`, so this is the one place where numbers are computed.
public struct SummaryAnalyzer: Sendable {
    /// The options of this analysis.
    public let options: AnalysisOptions

    /// Creates an analyzer.
    public init(options: AnalysisOptions = AnalysisOptions()) {
        self.options = options
    }

    /// Analyzes `summary`. `path` names the input in error messages.
    public func analyze(_ summary: SummaryFile, path: String = "summary") throws -> AnalysisResult {
        var result = try analyzeMetrics(summary, path: path)
        // A primary metric not measurable yet has no lift by day or by cohort either.
        guard !(result.maturingMetrics ?? []).contains(where: { $0.id == summary.timeline?.metric && $0.dimension == nil }) else { return result }
        result.timeline = timeline(of: summary)
        result.cohorts = cohorts(of: summary)
        return result
    }

    /// Every metric, corrected together, with the SRM check and the settings.
    private func analyzeMetrics(_ summary: SummaryFile, path: String) throws -> AnalysisResult {
        try options.validate()
        try summary.validate(path: path)
        let design = try groupDesign()
        // A metric with a variant whose every unit is still maturing is listed, not compared (and not corrected for).
        let waiting = summary.metrics.indices.filter(summary.isMaturing)
        var metrics = try summary.metrics.indices.filter { !waiting.contains($0) }
            .map { try analyzeMetric(summary.metrics[$0], control: summary.control, design: design) }
        let maturing = waiting.map { summary.metrics[$0].maturingEntry(control: summary.control) }
        try applyCorrection(to: &metrics)
        var result = AnalysisResult(
            experiment: summary.experiment, control: summary.control,
            srm: try sampleRatioMismatch(summary), metrics: metrics, decision: nil, data: DataAccounting(),
            settings: SettingsRecord(
                alpha: options.alpha, correction: options.correction,
                prior: [options.priorAlpha, options.priorBeta], alternative: options.alternative,
                correctionScope: options.correctionScope, sequential: options.sequential?.recorded, cuped: options.cuped ? true : nil))
        result.maturingMetrics = maturing.isEmpty ? nil : maturing
        return result
    }

    /// The split of exposed units against the weights. Units are counted on the first whole
    /// metric (not a slice, not a later funnel step, which count subsets), maturing ones
    /// included: every exposed unit was assigned, whether or not its window has closed.
    private func sampleRatioMismatch(_ summary: SummaryFile) throws -> SRMResult? {
        let whole = summary.metrics.first { $0.dimension == nil && $0.funnel?.basis != .previousStep } ?? summary.metrics.first
        guard let weights = summary.weights, let first = whole else { return nil }
        let keys = first.variants.map(\.key)
        let observed = first.variants.map { $0.units + ($0.maturing ?? 0) }
        let check = try SampleRatioMismatch(
            observed: observed, weights: keys.map { weights[$0]! }, labels: keys, threshold: options.srmThreshold)
        return SRMResult(
            pValue: check.pValue, mismatch: check.isMismatch,
            observed: KeyedValues(Array(zip(keys, observed)).map { (key: $0.0, value: $0.1) }),
            expected: KeyedValues(Array(zip(keys, check.expected)).map { (key: $0.0, value: $0.1) }),
            statistic: check.statistic, threshold: check.threshold)
    }

    private func analyzeMetric(_ metric: SummaryMetric, control controlKey: String, design: GroupSequentialDesign?) throws -> MetricResult {
        // Control first, then the other variants in file order.
        let ordered = metric.variants.filter { $0.key == controlKey } + metric.variants.filter { $0.key != controlKey }
        let statistics = try ordered.map { try $0.statistics(for: metric.type) }
        let covariates = try covariateSamples(metric.type, ordered)
        // Restricted means compare areas up to the shortest follow-up of any variant.
        let settings = options.metricSettings[metric.metric ?? metric.id] ?? MetricSettings()
        let horizon = statistics.compactMap { if case let .survival(s) = $0 { s.table.last?.time } else { nil } }.min()
        var notes: [String] = []
        let maturing = ordered.filter { ($0.maturing ?? 0) > 0 }
        if !maturing.isEmpty {
            // Reported, not hidden: the comparison covers mature units only, and these will count later.
            let counts = maturing.map { "\($0.key) \($0.maturing ?? 0)" }.joined(separator: ", ")
            notes.append("still maturing (window open at the end of the data, not counted yet): \(counts)")
        }
        var variants: [VariantResult] = []
        for (variant, stats) in zip(ordered, statistics) {
            var result = VariantResult(key: variant.key, units: stats.units, mean: stats.estimate)
            result.maturing = variant.maturing.flatMap { $0 > 0 ? $0 : nil }
            switch stats {
            case let .proportion(sample):
                result.conversions = sample.conversions
                result.posterior = try posterior(of: sample)
            case let .mean(sample):
                result.standardDeviation = sample.standardDeviation
            case .ratio:
                break
            case let .survival(sample):
                do {
                    let block = try survival(sample, control: variant.key == controlKey ? nil : statistics[0], horizon: horizon ?? 0)
                    result.survival = block
                    // Lifts of survival metrics are lifts of the restricted mean time to the event.
                    result.mean = block.restrictedMean
                } catch let error as StatsError {
                    notes.append("\(variant.key) (survival): \(error.localizedDescription)")
                }
            }
            if variant.key != controlKey {
                do {
                    try compare(control: statistics[0], variant: stats, horizon: horizon, into: &result)
                } catch let error as StatsError {
                    notes.append("\(variant.key): \(error.localizedDescription)")
                }
                if let covariates, let index = ordered.firstIndex(where: { $0.key == variant.key }) {
                    do {
                        result.cuped = try cupedBlock(control: covariates[0], variant: covariates[index], goal: settings.goal)
                    } catch let error as StatsError {
                        notes.append("\(variant.key) (CUPED): \(error.localizedDescription)")
                    }
                }
                if let margin = settings.nonInferiorityMargin {
                    do {
                        result.nonInferiority = try nonInferiority(control: statistics[0], variant: stats, margin: margin, goal: settings.goal)
                    } catch let error as StatsError {
                        notes.append("\(variant.key) (non-inferiority): \(error.localizedDescription)")
                    }
                }
                if options.sequential != nil, metric.type == .proportion || metric.type == .mean {
                    do {
                        result.sequential = try sequentialBlock(for: result, controlUnits: statistics[0].units, design: design)
                    } catch let error as StatsError {
                        notes.append("\(variant.key) (sequential): \(error.localizedDescription)")
                    }
                }
                if metric.type == .proportion || metric.type == .mean {
                    do {
                        result.bayesian = try bayesian(control: statistics[0], variant: stats, goal: settings.goal)
                    } catch let error as StatsError {
                        notes.append("\(variant.key) (Bayesian): \(error.localizedDescription)")
                    }
                }
            }
            variants.append(result)
        }
        if variants.count >= 2, metric.type == .proportion || metric.type == .mean {
            do {
                let best = try chanceToBeBest(statistics, goal: settings.goal)
                for index in variants.indices.dropFirst() { variants[index].bayesian?.chanceToBeBest = best[index] }
            } catch let error as StatsError {
                notes.append("chance to be best: \(error.localizedDescription)")
            }
        }
        var omnibus: OmnibusResult?
        if metric.type == .proportion, statistics.count >= 3 {
            let samples = statistics.compactMap { if case let .proportion(s) = $0 { return s } else { return nil } }
            do {
                let test = try ChiSquareIndependenceTest(samples)
                omnibus = OmnibusResult(
                    test: "chi-square", statistic: test.statistic, degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue)
            } catch let error as StatsError {
                notes.append(error.localizedDescription)
            }
        }
        let trendBlock = metric.dimension == nil ? trend(keys: ordered.map(\.key), statistics: statistics, notes: &notes) : nil
        let doseBlock = metric.dimension == nil
            ? doseResponse(keys: ordered.map(\.key), statistics: statistics, goal: settings.goal, notes: &notes) : nil
        if let level = metric.quantile {
            do {
                try addQuantiles(level: level, ordered: ordered, to: &variants, notes: &notes)
            } catch let error as StatsError {
                notes.append("quantile \(NumberFormatting.number(level)): \(error.localizedDescription)")
            }
        }
        var result = MetricResult(
            id: metric.id, type: metric.type, variants: variants, omnibus: omnibus, notes: notes.isEmpty ? nil : notes,
            metric: metric.metric, funnel: metric.funnel, dimension: metric.dimension, trend: trendBlock)
        // Written only for lower-is-better metrics, so that results of increase metrics keep their shape.
        result.goal = settings.goal == .decrease ? .decrease : nil
        result.doseResponse = doseBlock
        return result
    }

    /// The metric's quantile for every variant from the summary's value distributions, and each
    /// variant's difference with control (control first in `ordered`). A variant whose difference
    /// cannot be computed gets a note and no block; the other variants are compared regardless.
    private func addQuantiles(
        level: Double, ordered: [SummaryVariant], to variants: inout [VariantResult], notes: inout [String]
    ) throws {
        let values = try ordered.map { variant -> [Double] in
            guard let distribution = variant.distribution else {
                throw StatsError.notComputable(test: "quantile", reason: "variant \(variant.key) has no value distribution")
            }
            return distribution.flatMap { [Double](repeating: $0.value, count: $0.count) }
        }
        let control = try QuantileComparison.quantile(values[0], level: level, alpha: options.alpha, label: ordered[0].key)
        variants[0].quantile = QuantileBlock(level: level, estimate: control.estimate, interval: control.interval)
        for index in variants.indices.dropFirst() {
            do {
                let difference = try QuantileComparison.difference(control: values[0], variant: values[index], level: level, alpha: options.alpha, alternative: options.alternative)
                variants[index].quantile = QuantileBlock(
                    level: level, estimate: difference.variant.estimate, interval: difference.variant.interval,
                    difference: difference.difference, ci: difference.confidenceInterval, pValue: difference.pValue)
            } catch let error as StatsError {
                // One variant's failure must not cost the variants after it their comparison.
                notes.append("quantile \(NumberFormatting.number(level)), variant \(ordered[index].key): \(error.localizedDescription)")
            }
        }
    }

    /// Kaplan–Meier median with its interval, restricted mean up to `horizon`, and (for a
    /// variant) the log-rank test against control.
    private func survival(_ sample: SurvivalSample, control: VariantStatistics?, horizon: Double) throws -> SurvivalBlock {
        let curve = try KaplanMeierCurve(sample, alpha: options.alpha)
        let interval = curve.medianInterval
        var block = SurvivalBlock(
            median: curve.median, medianLower: interval.lower, medianUpper: interval.upper,
            restrictedMean: try curve.restrictedMean(horizon: horizon).estimate, horizon: horizon)
        block.curve = Self.curvePoints(curve, followUp: sample.table.last?.time)
        if case let .survival(c)? = control {
            let test = try SurvivalComparison.logRank(control: c, variant: sample)
            block.logRankStatistic = test.statistic
            block.logRankPValue = test.pValue
        }
        return block
    }

    /// The curve's points for the result JSON and the HTML chart, thinned evenly to at most
    /// `limit` steps (the last step always kept, so the curve ends where the data do).
    static func curvePoints(_ curve: KaplanMeierCurve, followUp: Double?, limit: Int = 120) -> [KaplanMeierPoint] {
        let steps = curve.steps
        let kept: [KaplanMeierStep] = steps.count <= limit ? steps
            : (0..<limit).map { steps[($0 * (steps.count - 1)) / (limit - 1)] }
        var points = [KaplanMeierPoint(time: 0, survival: 1)] + kept.map { KaplanMeierPoint(time: $0.time, survival: $0.survival) }
        if let followUp, let last = points.last, followUp > last.time {
            points.append(KaplanMeierPoint(time: followUp, survival: last.survival))
        }
        return points
    }

    private var model: BetaBinomialModel {
        get throws { try BetaBinomialModel(priorAlpha: options.priorAlpha, priorBeta: options.priorBeta) }
    }

    private func posterior(of sample: ProportionSample) throws -> PosteriorBlock {
        let law = try model.posterior(sample)
        return PosteriorBlock(alpha: law.alpha, beta: law.beta, credibleInterval: try law.credibleInterval(alpha: options.alpha))
    }

    /// Chance to beat control, expected loss and the credible interval of variant − control:
    /// Beta posteriors under the analysis' prior for rates, flat-prior normal posteriors for means.
    /// "Beat" and "loss" follow the goal: for a lower-is-better metric the variant beats control
    /// when it is lower, and choosing it loses E[max(variant − control, 0)].
    private func bayesian(control: VariantStatistics, variant: VariantStatistics, goal: MetricGoal) throws -> BayesianBlock {
        let comparison: BayesianComparison
        switch (control, variant) {
        case let (.proportion(c), .proportion(v)):
            comparison = try BetaComparison.compare(control: model.posterior(c), variant: model.posterior(v), alpha: options.alpha)
        case let (.mean(c), .mean(v)):
            comparison = try NormalMeanComparison.compare(control: c, variant: v, alpha: options.alpha)
        default:
            throw StatsError.notComputable(test: "comparison", reason: "control and variant carry different kinds of statistics")
        }
        switch goal {
        case .increase:
            return BayesianBlock(
                chanceToBeatControl: comparison.chanceToBeatControl, expectedLoss: comparison.expectedLoss,
                chanceToBeBest: nil, credibleInterval: comparison.credibleInterval)
        case .decrease:
            // The posteriors are continuous, so P(variant < control) = 1 − P(variant > control).
            return BayesianBlock(
                chanceToBeatControl: 1 - comparison.chanceToBeatControl, expectedLoss: comparison.expectedLossOfControl,
                chanceToBeBest: nil, credibleInterval: comparison.credibleInterval)
        }
    }

    /// The one-sided non-inferiority test of `variant` against control at the metric's margin.
    /// A relative margin on a mean becomes the absolute margin `margin × |control mean|`
    /// (control's mean taken as known, as in the relative lift's usual reading).
    private func nonInferiority(
        control: VariantStatistics, variant: VariantStatistics, margin: NonInferiorityMargin, goal: MetricGoal
    ) throws -> NonInferiorityBlock {
        switch (control, variant) {
        case let (.proportion(c), .proportion(v)):
            let test = try NonInferiorityTest.proportions(
                control: c, variant: v, margin: margin.value, scale: margin.scale, goal: goal, alpha: options.alpha)
            return NonInferiorityBlock(test, margin: margin)
        case let (.mean(c), .mean(v)):
            let absolute: Double = switch margin.scale {
            case .absolute: margin.value
            case .relative: margin.value * abs(c.mean)
            }
            guard absolute > 0 else {
                throw StatsError.notComputable(test: "non-inferiority", reason: "control's mean is 0, so a relative margin is no margin; give an absolute one")
            }
            let test = try NonInferiorityTest.means(control: c, variant: v, margin: absolute, goal: goal, alpha: options.alpha)
            return NonInferiorityBlock(test, margin: margin)
        default:
            throw StatsError.notComputable(test: "non-inferiority", reason: "only rates and means have a non-inferiority test")
        }
    }

    /// P(each variant is the best), control first, for a metric's variants: the highest for an
    /// increase goal, the lowest for a decrease goal (the highest of the mirrored values).
    private func chanceToBeBest(_ statistics: [VariantStatistics], goal: MetricGoal) throws -> [Double] {
        let proportions = statistics.compactMap { if case let .proportion(s) = $0 { s } else { nil } }
        if proportions.count == statistics.count {
            let laws = try proportions.map(model.posterior)
            switch goal {
            case .increase: return try BetaComparison.chanceToBeBest(laws)
            case .decrease: return try BetaComparison.chanceToBeBest(laws.map { try BetaDistribution(alpha: $0.beta, beta: $0.alpha) })
            }
        }
        let means = statistics.compactMap { if case let .mean(s) = $0 { s } else { nil } }
        switch goal {
        case .increase: return try NormalMeanComparison.chanceToBeBest(means)
        case .decrease:
            return try NormalMeanComparison.chanceToBeBest(means.map { try MeanSample(units: $0.units, sum: -$0.sum, sumSquares: $0.sumSquares) })
        }
    }

    private func compare(control: VariantStatistics, variant: VariantStatistics, horizon: Double?, into result: inout VariantResult) throws {
        let comparison: ABStats.ComparisonResult
        switch (control, variant) {
        case let (.proportion(c), .proportion(v)):
            comparison = try ProportionComparison.compare(control: c, variant: v, alpha: options.alpha, alternative: options.alternative)
        case let (.mean(c), .mean(v)):
            comparison = try WelchTTest.compare(control: c, variant: v, alpha: options.alpha, alternative: options.alternative)
        case let (.ratio(c), .ratio(v)):
            comparison = try RatioComparison.compare(control: c, variant: v, alpha: options.alpha, alternative: options.alternative)
        case let (.survival(c), .survival(v)):
            comparison = try SurvivalComparison.restrictedMeanDifference(
                control: c, variant: v, horizon: horizon ?? 0, alpha: options.alpha, alternative: options.alternative)
        default:
            throw StatsError.notComputable(test: "comparison", reason: "control and variant carry different kinds of statistics")
        }
        result.absoluteLift = comparison.absoluteDifference
        result.relativeLift = comparison.relativeLift
        result.frequentist = FrequentistBlock(comparison)
    }

    /// Adjusts one kind of p-value (`pValue` reads it, `nil` where absent) family by family.
    private func correct(
        _ metrics: inout [MetricResult], _ families: [[Int]], pValue: (VariantResult) -> Double?, set: (inout VariantResult, Double) -> Void
    ) throws {
        for family in families {
            var locations: [(Int, Int)] = []
            var pValues: [Double] = []
            for m in family {
                for (v, variant) in metrics[m].variants.enumerated() {
                    if let p = pValue(variant) {
                        locations.append((m, v))
                        pValues.append(p)
                    }
                }
            }
            let adjusted = try options.correction.adjust(pValues)
            for ((m, v), value) in zip(locations, adjusted) { set(&metrics[m].variants[v], value) }
        }
    }

    /// Adjusts the variant-vs-control p-values (plain, CUPED and always-valid), all together or metric by metric.
    private func applyCorrection(to metrics: inout [MetricResult]) throws {
        // Dimension slices are exploratory: each dimension is its own family, so slicing never
        // weakens the metrics' own tests.
        let main = metrics.indices.filter { metrics[$0].dimension == nil }
        let dimensions = Array(Set(metrics.compactMap { $0.dimension?.name })).sorted()
        let sliceFamilies = dimensions.map { name in metrics.indices.filter { metrics[$0].dimension?.name == name } }
        let families: [[Int]] = switch options.correctionScope {
        case .analysis: [main] + sliceFamilies
        case .metric: metrics.indices.map { [$0] }
        }
        try correct(&metrics, families, pValue: { $0.frequentist?.pValue }, set: { $0.frequentist?.adjustedPValue = $1 })
        try correct(&metrics, families, pValue: { $0.cuped?.comparison.pValue }, set: { $0.cuped?.comparison.adjustedPValue = $1 })
        let alpha = options.alpha
        try correct(&metrics, families, pValue: { $0.sequential?.method == .alwaysValid ? $0.sequential?.pValue : nil }) {
            $0.sequential?.adjustedPValue = $1
            $0.sequential?.significant = $1 < alpha
        }
    }
}
