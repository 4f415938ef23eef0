import ABSummary
import ABStats
/// Renders an analysis as aligned text tables for a terminal.
public struct TextReport: Sendable {
    /// Whether to colour significant wins green and losses red (off for pipes and with NO_COLOR).
    public var useColor: Bool

    /// Creates a renderer.
    public init(useColor: Bool = false) { self.useColor = useColor }

    /// The report.
    public func render(_ result: AnalysisResult) -> String {
        var lines: [String] = []
        let settings = result.settings
        lines.append("Experiment \(result.experiment)  (control: \(result.control), alpha \(NumberFormatting.number(settings.alpha)), "
            + "correction \(settings.correction.rawValue), \(settings.alternative.rawValue)"
            + MetricRow.settingsNotes(settings).map { ", \($0)" }.joined() + ")")
        if let srm = result.srm {
            let verdict = srm.mismatch ? paint("SAMPLE RATIO MISMATCH", red: true) : "ok"
            let counts = srm.observed.entries.map { "\($0.key) \(NumberFormatting.count($0.value))" }.joined(separator: ", ")
            lines.append("SRM: \(verdict) (p = \(NumberFormatting.pValue(srm.pValue)); \(counts))")
        } else {
            lines.append("SRM: not checked (no weights given)")
        }
        if result.data.linesRead > 0 || result.data.units != nil {
            lines.append("Data: " + result.data.reconciliation)
        }
        if let drift = MetricRow.driftLine(result.data) { lines.append(paint(drift, red: true)) }
        if let holdout = result.holdout { lines.append(holdout.line) }
        for warning in result.holdout?.warnings ?? [] { lines.append(paint(warning, red: true)) }
        let percent = NumberFormatting.number((1 - settings.alpha) * 100, digits: 3)
        for metric in result.metrics {
            lines.append("")
            lines.append(MetricRow.heading(metric))
            let header = ["variant", "units", metric.type.valueLabel, "lift",
                          "\(percent)% CI", "p", "adj. p", "P(beat ctrl)", "test"]
            let rows = MetricRow.rows(for: metric, alpha: settings.alpha)
            let cells = rows.map { [$0.variant, $0.units, $0.estimate, $0.lift, $0.interval, $0.pValue, $0.adjustedPValue, $0.chanceToBeat, $0.test] }
            let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
            let rightAligned: Set<Int> = [1, 2, 3, 5, 6, 7]
            func line(_ row: [String]) -> String {
                row.indices.map { column in
                    let padding = String(repeating: " ", count: widths[column] - row[column].count)
                    return rightAligned.contains(column) ? padding + row[column] : row[column] + padding
                }.joined(separator: "  ")
            }
            lines.append("  " + line(header))
            for (row, cell) in zip(rows, cells) {
                let text = line(cell)
                lines.append("  " + (row.direction == 0 ? text : paint(text, red: row.direction < 0)))
            }
            for extra in MetricRow.adjustmentLines(for: metric, alpha: settings.alpha) { lines.append("  \(extra)") }
            if let omnibus = metric.omnibus {
                lines.append("  all variants: chi-square \(NumberFormatting.number(omnibus.statistic)) on \(omnibus.degreesOfFreedom) df, p = \(NumberFormatting.pValue(omnibus.pValue))")
            }
            if let trend = metric.trend { lines.append("  " + trend.textLine) }
            if let cohorts = result.cohorts, cohorts.metric == metric.id, metric.dimension == nil {
                for line in MetricRow.cohortLines(cohorts, percent: percent) { lines.append("  \(line)") }
            }
            for note in metric.notes ?? [] { lines.append("  note: \(note)") }
        }
        if let maturing = result.maturingMetrics {
            lines.append("")
            lines.append("Not measurable yet (\(MaturingMetric.explanation)):")
            for metric in maturing { lines.append("  \(metric.id): \(metric.counts)") }
        }
        if let decision = result.decision {
            lines.append("")
            lines.append("Decision: \(decision.verdict.rawValue.uppercased())")
            for reason in decision.reasons { lines.append("  - \(reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func paint(_ text: String, red: Bool) -> String {
        guard useColor else { return text }
        return (red ? "\u{1B}[31m" : "\u{1B}[32m") + text + "\u{1B}[0m"
    }
}
