import ABSummary
import ABEvents
import ABStats

extension SummaryAnalyzer {
    /// The timeline metric compared with control cumulatively, day by day, with the same tests as
    /// the metric itself (z or Fisher for rates, Welch for means) on the cumulative statistics.
    /// A variant-day whose comparison cannot be computed keeps its units and has no lift.
    func timeline(of summary: SummaryFile) -> TimelineResult? {
        guard let timeline = summary.timeline else { return nil }
        let keys = [summary.control] + summary.variantKeys.filter { $0 != summary.control }
        var totals = keys.map { SummaryVariant(key: $0, units: 0, conversions: 0, sum: 0, sumSquares: 0) }
        var days: [TimelineDay] = []
        for day in timeline.days {
            for entry in day.variants {
                guard let v = keys.firstIndex(of: entry.key) else { continue }
                totals[v].units += entry.units
                totals[v].conversions! += entry.conversions ?? 0
                totals[v].sum! += entry.sum ?? 0
                totals[v].sumSquares! += entry.sumSquares ?? 0
            }
            // No units yet (or inconsistent sums): no statistics, so nothing to compare.
            let statistics = totals.map { try? $0.statistics(for: timeline.type) }
            let variants = keys.indices.map { v in
                var point = TimelineVariant(key: keys[v], units: totals[v].units)
                guard let stats = statistics[v], stats.estimate.isFinite else { return point }
                point.mean = stats.estimate
                if v > 0, let control = statistics[0], let comparison = try? rateOrMeanComparison(control: control, variant: stats),
                   let lift = comparison.relativeLift, let interval = comparison.relativeConfidenceInterval,
                   [comparison.absoluteDifference, lift, interval.lower, interval.upper].allSatisfy(\.isFinite) {
                    point.absoluteLift = comparison.absoluteDifference
                    point.relativeLift = lift
                    point.relativeCi = interval
                    point.test = comparison.test
                }
                return point
            }
            days.append(TimelineDay(date: day.date, variants: variants))
        }
        return TimelineResult(metric: timeline.metric, type: timeline.type, days: days)
    }

    /// The fixed-horizon comparison of a rate or a mean with control (z or Fisher, Welch), as the
    /// metric's own: shared by the timeline and the exposure-week cohorts.
    func rateOrMeanComparison(control: VariantStatistics, variant: VariantStatistics) throws -> ABStats.ComparisonResult {
        switch (control, variant) {
        case let (.proportion(c), .proportion(v)):
            try ProportionComparison.compare(control: c, variant: v, alpha: options.alpha, alternative: options.alternative)
        case let (.mean(c), .mean(v)):
            try WelchTTest.compare(control: c, variant: v, alpha: options.alpha, alternative: options.alternative)
        default:
            throw StatsError.notComputable(test: "comparison", reason: "only rates and means are compared by exposure day")
        }
    }
}
