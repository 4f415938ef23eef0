import ABSummary
import ABStats
import Foundation
/// Renders an analysis as Markdown, for a pull-request comment or a CI job summary.
public struct MarkdownReport: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The report.
    public func render(_ result: AnalysisResult) -> String {
        let settings = result.settings
        var lines = ["### Experiment `\(result.experiment)`", ""]
        lines.append("Control **\(result.control)** · alpha \(NumberFormatting.number(settings.alpha)) · correction \(settings.correction.rawValue) · \(settings.alternative.rawValue)"
            + MetricRow.settingsNotes(settings).map { " · \($0)" }.joined())
        lines.append("")
        if let srm = result.srm {
            lines.append(srm.mismatch
                ? "> [!WARNING]\n> **Sample ratio mismatch** (p = \(NumberFormatting.pValue(srm.pValue))): the split differs from the configured weights; do not trust the comparisons."
                : "Sample ratio check: ok (p = \(NumberFormatting.pValue(srm.pValue))).")
            lines.append("")
        }
        if result.data.linesRead > 0 || result.data.units != nil {
            lines.append("Data: " + result.data.reconciliation + ".")
            lines.append("")
        }
        if let holdout = result.holdout {
            lines.append(escape(holdout.line) + ".")
            lines.append("")
        }
        for warning in [MetricRow.driftLine(result.data)].compactMap({ $0 }) + (result.holdout?.warnings ?? []) {
            lines.append("> [!WARNING]\n> \(escape(warning)).")
            lines.append("")
        }
        let percent = NumberFormatting.number((1 - settings.alpha) * 100, digits: 3)
        for metric in result.metrics {
            lines.append("#### \(escape(MetricRow.heading(metric)))")
            lines.append("")
            lines.append("| variant | units | \(metric.type.valueLabel) | lift | \(percent)% CI | p | adj. p | P(beat control) | test |")
            lines.append("|---|---:|---:|---:|---|---:|---:|---:|---|")
            for row in MetricRow.rows(for: metric, alpha: settings.alpha) {
                let mark = row.direction > 0 ? " ✅" : (row.direction < 0 ? " ❌" : "")
                lines.append("| \(escape(row.variant))\(mark) | \(row.units) | \(row.estimate) | \(row.lift) | \(row.interval) | \(row.pValue) | \(row.adjustedPValue) | \(row.chanceToBeat) | \(row.test) |")
            }
            let extras = MetricRow.adjustmentLines(for: metric, alpha: settings.alpha)
            if !extras.isEmpty { lines.append("") }
            for extra in extras { lines.append("- \(escape(extra))") }
            if let cohorts = result.cohorts, cohorts.metric == metric.id, metric.dimension == nil {
                let cohortLines = MetricRow.cohortLines(cohorts, percent: percent)
                lines.append("")
                lines.append(escape(cohortLines[0]))
                lines.append("")
                for line in cohortLines.dropFirst() { lines.append("- \(escape(line.trimmingCharacters(in: .whitespaces)))") }
            }
            for note in metric.notes ?? [] { lines.append(""); lines.append("_Note: \(escape(note))_") }
            lines.append("")
        }
        if let maturing = result.maturingMetrics {
            lines.append("#### Not measurable yet")
            lines.append("")
            lines.append("_\(escape(MaturingMetric.explanation.prefix(1).uppercased() + MaturingMetric.explanation.dropFirst()))._")
            lines.append("")
            for metric in maturing { lines.append("- `\(metric.id)`: \(escape(metric.counts))") }
            lines.append("")
        }
        if let decision = result.decision {
            lines.append("**Decision: \(decision.verdict.rawValue)**")
            lines.append("")
            for reason in decision.reasons { lines.append("- \(escape(reason))") }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
