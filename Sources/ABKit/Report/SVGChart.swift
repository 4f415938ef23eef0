import Foundation

/// Small inline SVG charts for the HTML report: no scripts, no external resources.
enum SVGChart {
    /// Palette of variant colours (colour-blind safe, Okabe–Ito).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    package static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Horizontal interval plot: one row per variant with its estimate and interval, a zero line.
    static func intervals(title: String, rows: [(label: String, estimate: Double, lower: Double, upper: Double)], percent: Bool) -> String {
        guard !rows.isEmpty else { return "" }
        let width = 640.0, rowHeight = 34.0, left = 150.0, right = 30.0, top = 30.0
        let height = top + rowHeight * Double(rows.count) + 30
        var low = min(0, rows.map(\.lower).min()!), high = max(0, rows.map(\.upper).max()!)
        let pad = (high - low) * 0.08 + 1e-12
        low -= pad; high += pad
        func x(_ value: Double) -> Double { left + (value - low) / (high - low) * (width - left - right) }
        func label(_ value: Double) -> String { percent ? NumberFormatting.signedPercent(value, digits: 1) : NumberFormatting.signedNumber(value, digits: 3) }
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \#(format(width)) \#(format(height))" width="\#(format(width))" height="\#(format(height))">"#]
        svg.append(#"<title>\#(escape(title))</title>"#)
        svg.append(#"<line x1="\#(format(x(0)))" y1="\#(format(top - 10))" x2="\#(format(x(0)))" y2="\#(format(height - 25))" stroke="gray" stroke-dasharray="4 3"/>"#)
        for (i, row) in rows.enumerated() {
            let y = top + rowHeight * (Double(i) + 0.5)
            let colour = palette[(i + 1) % palette.count]
            svg.append(#"<text x="\#(format(left - 10))" y="\#(format(y + 4))" text-anchor="end" font-size="13">\#(escape(row.label))</text>"#)
            svg.append(#"<line x1="\#(format(x(row.lower)))" y1="\#(format(y))" x2="\#(format(x(row.upper)))" y2="\#(format(y))" stroke="\#(colour)" stroke-width="4" stroke-linecap="round"/>"#)
            svg.append(#"<circle cx="\#(format(x(row.estimate)))" cy="\#(format(y))" r="6" fill="\#(colour)"/>"#)
            svg.append(#"<text x="\#(format(x(row.estimate)))" y="\#(format(y - 10))" text-anchor="middle" font-size="11">\#(label(row.estimate)) [\#(label(row.lower)), \#(label(row.upper))]</text>"#)
        }
        for tick in [low + pad, 0, high - pad] {
            svg.append(#"<text x="\#(format(x(tick)))" y="\#(format(height - 8))" text-anchor="middle" font-size="11" fill="dimgray">\#(label(tick))</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// Overlaid density curves (posterior distributions of each variant's rate).
    static func densities(title: String, series: [(label: String, points: [(x: Double, y: Double)])]) -> String {
        let all = series.flatMap(\.points)
        guard let minX = all.map(\.x).min(), let maxX = all.map(\.x).max(), let maxY = all.map(\.y).max(), maxX > minX, maxY > 0 else { return "" }
        let width = 640.0, height = 240.0, left = 40.0, right = 20.0, top = 20.0, bottom = 40.0
        func x(_ value: Double) -> Double { left + (value - minX) / (maxX - minX) * (width - left - right) }
        func y(_ value: Double) -> Double { height - bottom - value / maxY * (height - top - bottom) }
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \#(format(width)) \#(format(height))" width="\#(format(width))" height="\#(format(height))">"#]
        svg.append(#"<title>\#(escape(title))</title>"#)
        svg.append(#"<line x1="\#(format(left))" y1="\#(format(height - bottom))" x2="\#(format(width - right))" y2="\#(format(height - bottom))" stroke="gray"/>"#)
        for (i, entry) in series.enumerated() {
            let colour = palette[i % palette.count]
            let path = entry.points.map { "\(format(x($0.x))),\(format(y($0.y)))" }.joined(separator: " ")
            svg.append(#"<polyline points="\#(path)" fill="none" stroke="\#(colour)" stroke-width="2"/>"#)
            svg.append(#"<text x="\#(format(width - right - 4))" y="\#(format(top + 14 * Double(i + 1)))" text-anchor="end" font-size="12" fill="\#(colour)">\#(escape(entry.label))</text>"#)
        }
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let value = minX + tick * (maxX - minX)
            svg.append(#"<text x="\#(format(x(value)))" y="\#(format(height - bottom + 16))" text-anchor="middle" font-size="11" fill="dimgray">\#(NumberFormatting.percent(value))</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// Grouped bars: for each category (funnel step), one bar per series (variant) labelled with
    /// its value in percent; `notes` become each bar's tooltip.
    static func bars(title: String, categories: [String], series: [(label: String, values: [Double], notes: [String])]) -> String {
        guard !categories.isEmpty, !series.isEmpty else { return "" }
        let width = 640.0, height = 280.0, left = 50.0, right = 10.0, bottom = 56.0, top = 24.0
        let plotHeight = height - top - bottom
        let groupWidth = (width - left - right) / Double(categories.count)
        let barWidth = groupWidth * 0.8 / Double(series.count)
        let ticks = niceTicks(low: 0, high: max(series.flatMap(\.values).filter(\.isFinite).max() ?? 0, 1e-9))
        let maxValue = ticks.last!
        func y(_ value: Double) -> Double { height - bottom - value / maxValue * plotHeight }
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \#(format(width)) \#(format(height))" width="\#(format(width))" height="\#(format(height))">"#]
        svg.append(#"<title>\#(escape(title))</title>"#)
        for tick in ticks {
            svg.append(#"<line x1="\#(format(left))" y1="\#(format(y(tick)))" x2="\#(format(width - right))" y2="\#(format(y(tick)))" stroke="\#(tick == 0 ? "gray" : "gainsboro")"/>"#)
            svg.append(#"<text x="\#(format(left - 6))" y="\#(format(y(tick) + 4))" text-anchor="end" font-size="11" fill="dimgray">\#(percentLabel(tick, step: ticks[1] - ticks[0]))</text>"#)
        }
        for (c, category) in categories.enumerated() {
            let groupLeft = left + groupWidth * Double(c) + groupWidth * 0.1
            for (s, entry) in series.enumerated() where c < entry.values.count && entry.values[c].isFinite {
                let value = entry.values[c]
                let x = groupLeft + barWidth * Double(s)
                let note = c < entry.notes.count ? entry.notes[c] : "\(entry.label): \(NumberFormatting.percent(value))"
                svg.append(#"<rect x="\#(format(x))" y="\#(format(y(value)))" width="\#(format(barWidth - 2))" height="\#(format(y(0) - y(value)))" fill="\#(palette[s % palette.count])"><title>\#(escape(note))</title></rect>"#)
                svg.append(#"<text x="\#(format(x + (barWidth - 2) / 2))" y="\#(format(y(value) - 4))" text-anchor="middle" font-size="10">\#(NumberFormatting.percent(value, digits: 1))</text>"#)
            }
            // Long step names shrink to fit their group (about 0.6 em per character).
            let fontSize = max(8, min(12, groupWidth * 0.95 / (0.6 * Double(max(1, category.count)))))
            svg.append(#"<text x="\#(format(groupLeft + groupWidth * 0.4))" y="\#(format(height - bottom + 16))" text-anchor="middle" font-size="\#(format(fontSize))">\#(escape(category))</text>"#)
        }
        svg.append(legend(series.enumerated().map { (text: $0.element.label, colour: palette[$0.offset % palette.count]) }, x: left, y: height - 12))
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// One legend row of coloured squares and labels, spaced by the labels' length.
    static func legend(_ entries: [(text: String, colour: String)], x: Double, y: Double) -> String {
        var position = x
        var parts: [String] = []
        for entry in entries {
            parts.append(#"<text x="\#(format(position))" y="\#(format(y))" font-size="12" fill="\#(entry.colour)">■ \#(escape(entry.text))</text>"#)
            position += 7.2 * Double(entry.text.count) + 34
        }
        return parts.joined(separator: "\n")
    }

    /// About five round tick values covering [low, high] (steps of 1, 2 or 5 × 10ⁿ).
    static func niceTicks(low: Double, high: Double) -> [Double] {
        let span = max(high - low, 1e-12)
        let raw = span / 5
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// A tick value in percent with as many decimals as the tick step needs.
    static func percentLabel(_ value: Double, step: Double, signed: Bool = false) -> String {
        if abs(value) < step * 1e-6 { return "0%" }
        let decimals = max(0, Int((-log10(step * 100)).rounded(.up)))
        return signed ? NumberFormatting.signedPercent(value, digits: decimals) : NumberFormatting.percent(value, digits: decimals)
    }
}
