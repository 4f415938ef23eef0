import ABStats
import Foundation

extension HTMLReport {
    /// Each variant's absolute lift per exposure-week cohort as an interval plot, with the
    /// heterogeneity verdicts underneath.
    func cohortSection(_ cohorts: CohortResult, percent: String) -> String {
        let rows = cohorts.cohorts.flatMap { cohort in
            cohort.variants.dropFirst().compactMap { variant -> (label: String, estimate: Double, lower: Double, upper: Double)? in
                guard let lift = variant.absoluteLift, let ci = variant.ci else { return nil }
                let label = cohorts.cohorts.first.map { $0.variants.count > 2 } == true ? "week \(cohort.week), \(variant.key)" : "week \(cohort.week)"
                return (label, lift, ci.lower, ci.upper)
            }
        }
        let lines = MetricRow.cohortLines(cohorts, percent: percent)
        let chart = SVGChart.intervals(
            title: "\(cohorts.metric): absolute lift by week of first exposure, with \(percent)% intervals",
            rows: rows, percent: cohorts.type == .proportion)
        return chart + "<ul class=\"adjusted\">" + lines.dropFirst().filter { !$0.hasPrefix("  week") }.map { "<li>\(SVGChart.escape($0.trimmingCharacters(in: .whitespaces)))</li>" }.joined() + "</ul>"
    }
}
