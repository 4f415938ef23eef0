import ABSummary
import ABEvents
import ABStats

extension SummaryAnalyzer {
    /// The CUPED samples of a proportion or mean metric, in the order of `variants`, when every
    /// variant carries a covariate; `nil` otherwise.
    func covariateSamples(_ type: StatisticShape, _ variants: [SummaryVariant]) throws -> [CovariateSample]? {
        guard type == .proportion || type == .mean, variants.allSatisfy({ $0.covariate != nil }) else { return nil }
        return try variants.map { try $0.covariateSample(for: type, covariate: $0.covariate!) }
    }

    /// The CUPED-adjusted comparison of `variant` with `control`; its chance to beat control is
    /// in the goal's direction, as the Bayesian block's.
    func cupedBlock(control: CovariateSample, variant: CovariateSample, goal: MetricGoal) throws -> CUPEDBlock {
        let adjusted = try CUPED.compare(control: control, variant: variant, alpha: options.alpha, alternative: options.alternative)
        let c = adjusted.comparison
        return CUPEDBlock(
            theta: adjusted.theta, varianceReduction: adjusted.varianceReduction, adjustedMean: c.variantEstimate,
            controlAdjustedMean: c.controlEstimate, absoluteLift: c.absoluteDifference, relativeLift: c.relativeLift,
            chanceToBeatControl: c.standardError > 0 ? Normal.standard.cdf(-goal.worseSign * c.absoluteDifference / c.standardError) : 0.5,
            comparison: FrequentistBlock(c))
    }
}
