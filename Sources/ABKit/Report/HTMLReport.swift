import ABSummary
import ABStats
import Foundation
import ABEvents

/// Renders an analysis as one self-contained HTML file with inline SVG charts: an interval
/// plot of each variant's lift per metric, the posterior densities of proportions, a bar chart
/// per funnel and the primary metric's cumulative lift by exposure day. It
/// loads nothing from the network and runs no script, so it opens from disk anywhere.
public struct HTMLReport: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The HTML document.
    public func render(_ result: AnalysisResult) -> String {
        var body: [String] = []
        body.append("<h1>Experiment <code>\(SVGChart.escape(result.experiment))</code></h1>")
        let settings = result.settings
        body.append("<p>Control <b>\(SVGChart.escape(result.control))</b> · alpha \(NumberFormatting.number(settings.alpha)) · correction \(settings.correction.rawValue) · \(settings.alternative.rawValue)"
            + MetricRow.settingsNotes(settings).map { " · \(SVGChart.escape($0))" }.joined() + "</p>")
        if let decision = result.decision {
            let colour = switch decision.verdict {
            case .ship: "#1a7f37"
            case .block: "#cf222e"
            case .inconclusive: "#9a6700"
            }
            body.append(#"<div class="verdict" style="border-color:\#(colour)"><h2 style="color:\#(colour)">Decision: \#(decision.verdict.rawValue)</h2><ul>"#
                + decision.reasons.map { "<li>\(SVGChart.escape($0))</li>" }.joined() + "</ul></div>")
        }
        if let srm = result.srm {
            body.append(srm.mismatch
                ? #"<p class="warning"><b>Sample ratio mismatch</b> (p = \#(NumberFormatting.pValue(srm.pValue))): the split differs from the configured weights.</p>"#
                : "<p>Sample ratio check: ok (p = \(NumberFormatting.pValue(srm.pValue))).</p>")
        }
        if let holdout = result.holdout { body.append("<p>\(SVGChart.escape(holdout.line)).</p>") }
        for warning in [MetricRow.driftLine(result.data)].compactMap({ $0 }) + (result.holdout?.warnings ?? []) {
            body.append("<p class=\"warning\">\(SVGChart.escape(warning)).</p>")
        }
        let percent = NumberFormatting.number((1 - settings.alpha) * 100, digits: 3)
        var funnelsDrawn = Set<String>()
        for metric in result.metrics {
            if let funnel = metric.funnel?.funnel, metric.dimension == nil, funnelsDrawn.insert(funnel).inserted {
                body.append(funnelSection(funnel, metrics: result.metrics))
            }
            body.append("<section><h2>\(SVGChart.escape(metric.id)) <small>(\(metric.type.rawValue)\(metric.goal == .decrease ? ", lower is better" : ""))</small></h2>")
            body.append(table(metric, alpha: settings.alpha, percent: percent))
            let extras = MetricRow.adjustmentLines(for: metric, alpha: settings.alpha)
            if !extras.isEmpty { body.append("<ul class=\"adjusted\">" + extras.map { "<li>\(SVGChart.escape($0))</li>" }.joined() + "</ul>") }
            let rows = metric.variants.dropFirst().compactMap { variant -> (String, Double, Double, Double)? in
                guard let lift = variant.relativeLift, let ci = variant.frequentist?.relativeCi else { return nil }
                return (variant.key, lift, ci.lower, ci.upper)
            }
            body.append(SVGChart.intervals(title: "\(metric.id): relative lift vs \(result.control) with \(percent)% intervals",
                                           rows: rows.map { (label: $0.0, estimate: $0.1, lower: $0.2, upper: $0.3) }, percent: true))
            if metric.type == .proportion { body.append(posteriorChart(metric)) }
            if let curve = metric.doseResponse {
                let c = curve.coefficients
                let z = (try? Normal.standard.inverseSF(settings.alpha / 2)) ?? 1.959963984540054
                body.append(SVGChart.doseResponse(
                    title: "\(metric.id) by dose with \(percent)% intervals and the fitted quadratic curve",
                    points: curve.points.map { (label: $0.key, dose: $0.dose, level: $0.level, lower: $0.level - z * $0.standardError, upper: $0.level + z * $0.standardError) },
                    curve: { c[0] + c[1] * $0 + c[2] * $0 * $0 }, best: curve.bestDose, percent: metric.type == .proportion))
            }
            if metric.type == .survival {
                let series = metric.variants.compactMap { variant in
                    variant.survival?.curve.map { (label: variant.key, points: $0.map { (time: $0.time, survival: $0.survival) }) }
                }
                body.append(SVGChart.survivalCurves(title: "\(metric.id): share of units without the event by time since exposure (Kaplan–Meier)", series: series))
            }
            if let timeline = result.timeline, timeline.metric == metric.id, metric.dimension == nil {
                body.append(timelineChart(timeline, control: result.control, percent: percent))
            }
            if let cohorts = result.cohorts, cohorts.metric == metric.id, metric.dimension == nil {
                body.append(cohortSection(cohorts, percent: percent))
            }
            for note in metric.notes ?? [] { body.append("<p class=\"note\">Note: \(SVGChart.escape(note))</p>") }
            body.append("</section>")
        }
        if let maturing = result.maturingMetrics {
            body.append("<section><h2>Not measurable yet</h2><p class=\"note\">\(SVGChart.escape(MaturingMetric.explanation.prefix(1).uppercased() + MaturingMetric.explanation.dropFirst())).</p><ul>"
                + maturing.map { "<li><b>\(SVGChart.escape($0.id))</b>: \(SVGChart.escape($0.counts))</li>" }.joined() + "</ul></section>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ABKit: \(SVGChart.escape(result.experiment))</title>
            <style>
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1f2328}
            table{border-collapse:collapse;margin:1em 0}td,th{padding:4px 10px;border-bottom:1px solid #d0d7de;text-align:right;white-space:nowrap}
            td:first-child,th:first-child{text-align:left}.win{color:#1a7f37;font-weight:600}.loss{color:#cf222e;font-weight:600}
            .verdict{border:2px solid;border-radius:8px;padding:0 1em;margin:1em 0}.warning{color:#cf222e}.note{color:#57606a}
            section{margin-top:2em}svg{max-width:100%;height:auto;display:block;margin:0.5em 0}
            </style></head>
            <body>
            \(body.joined(separator: "\n"))
            <footer><p><small>ABKit \(ABKitVersion.current) · schemaVersion \(result.schemaVersion)</small></p></footer>
            </body></html>

            """
    }

    private func table(_ metric: MetricResult, alpha: Double, percent: String) -> String {
        var html = "<table><tr><th>variant</th><th>units</th><th>\(metric.type.valueLabel)</th><th>lift</th><th>\(percent)% CI</th><th>p</th><th>adj. p</th><th>P(beat control)</th><th>test</th></tr>"
        for row in MetricRow.rows(for: metric, alpha: alpha) {
            let style = row.direction > 0 ? " class=\"win\"" : (row.direction < 0 ? " class=\"loss\"" : "")
            let cells = [row.variant, row.units, row.estimate, row.lift, row.interval, row.pValue, row.adjustedPValue, row.chanceToBeat, row.test]
            html += "<tr\(style)>" + cells.map { "<td>\(SVGChart.escape($0))</td>" }.joined() + "</tr>"
        }
        return html + "</table>"
    }

    /// Beta posterior densities of each variant's rate, over the range where they have mass.
    private func posteriorChart(_ metric: MetricResult) -> String {
        let laws = metric.variants.compactMap { variant -> (String, BetaDistribution)? in
            guard let posterior = variant.posterior, let law = try? BetaDistribution(alpha: posterior.alpha, beta: posterior.beta) else { return nil }
            return (variant.key, law)
        }
        guard !laws.isEmpty else { return "" }
        let lower = laws.compactMap { try? $0.1.quantile(0.0005) }.min() ?? 0
        let upper = laws.compactMap { try? $0.1.inverseSF(0.0005) }.max() ?? 1
        guard upper > lower else { return "" }
        let series = laws.map { key, law in
            (label: key, points: (0...120).map { i -> (x: Double, y: Double) in
                let x = lower + (upper - lower) * Double(i) / 120
                return (x, law.pdf(x))
            })
        }
        return SVGChart.densities(title: "\(metric.id): posterior distribution of each variant's rate", series: series)
    }
}
