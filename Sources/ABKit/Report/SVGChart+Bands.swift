import Foundation

extension SVGChart {
    /// One point of a band chart: its position on the x axis, estimate, interval and tooltip.
    typealias BandPoint = (index: Int, estimate: Double, lower: Double, upper: Double, note: String)

    /// Lines of estimates over `labels` (days), each inside a shaded band of its interval, with a
    /// dashed zero line. Points missing from a series leave a gap. The y range follows the
    /// estimates and the intervals of the later three quarters of the points, so the wide
    /// intervals of the first days do not flatten the rest; what lies beyond is cut at the edge.
    static func bands(
        title: String, labels: [String], axisLabel: String, series: [(label: String, colour: String, points: [BandPoint])]
    ) -> String {
        let points = series.flatMap(\.points).filter { [$0.estimate, $0.lower, $0.upper].allSatisfy(\.isFinite) }
        guard !labels.isEmpty, !points.isEmpty else { return "" }
        let width = 640.0, left = 56.0, right = 16.0, top = 16.0, plotHeight = 220.0
        let height = top + plotHeight + 52 + 18 * Double(series.count)
        let bottomY = top + plotHeight
        let settled = points.filter { $0.index >= labels.count / 4 }
        var low = min(0, points.map(\.estimate).min()!, (settled.isEmpty ? points : settled).map(\.lower).min()!)
        var high = max(0, points.map(\.estimate).max()!, (settled.isEmpty ? points : settled).map(\.upper).max()!)
        let ticks = niceTicks(low: low, high: high)
        low = ticks.first!
        high = ticks.last!
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        func x(_ index: Int) -> Double {
            labels.count == 1 ? left + (width - left - right) / 2 : left + Double(index) / Double(labels.count - 1) * (width - left - right)
        }
        func y(_ value: Double) -> Double { bottomY - (value - low) / (high - low) * plotHeight }
        let clip = "clip-" + String(title.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.prefix(40).map(Character.init))
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \#(format(width)) \#(format(height))" width="\#(format(width))" height="\#(format(height))">"#]
        svg.append(#"<title>\#(escape(title))</title>"#)
        svg.append(#"<defs><clipPath id="\#(clip)"><rect x="\#(format(left))" y="\#(format(top))" width="\#(format(width - left - right))" height="\#(format(plotHeight))"/></clipPath></defs>"#)
        for tick in ticks {
            svg.append(#"<line x1="\#(format(left))" y1="\#(format(y(tick)))" x2="\#(format(width - right))" y2="\#(format(y(tick)))" stroke="gainsboro"/>"#)
            svg.append(#"<text x="\#(format(left - 6))" y="\#(format(y(tick) + 4))" text-anchor="end" font-size="11" fill="dimgray">\#(percentLabel(tick, step: step, signed: true))</text>"#)
        }
        svg.append(#"<line x1="\#(format(left))" y1="\#(format(y(0)))" x2="\#(format(width - right))" y2="\#(format(y(0)))" stroke="gray" stroke-dasharray="4 3"/>"#)
        // About seven date labels; the last day always gets one, replacing a neighbour too close to it.
        let every = max(1, Int((Double(labels.count) / 7).rounded(.up)))
        var shown = Array(stride(from: 0, to: labels.count, by: every))
        if shown.last != labels.count - 1 {
            if labels.count > 1, x(labels.count - 1) - x(shown.last!) < 56 { shown.removeLast() }
            shown.append(labels.count - 1)
        }
        for i in shown {
            svg.append(#"<line x1="\#(format(x(i)))" y1="\#(format(bottomY))" x2="\#(format(x(i)))" y2="\#(format(bottomY + 4))" stroke="gray"/>"#)
            svg.append(#"<text x="\#(format(x(i)))" y="\#(format(bottomY + 17))" text-anchor="middle" font-size="11" fill="dimgray">\#(escape(labels[i]))</text>"#)
        }
        svg.append(#"<text x="\#(format(left + (width - left - right) / 2))" y="\#(format(bottomY + 34))" text-anchor="middle" font-size="11" fill="dimgray">\#(escape(axisLabel))</text>"#)
        svg.append(#"<g clip-path="url(#\#(clip))">"#)
        for entry in series {
            for run in runs(entry.points.filter { [$0.estimate, $0.lower, $0.upper].allSatisfy(\.isFinite) }) {
                let band = run.map { "\(format(x($0.index))),\(format(y($0.upper)))" } + run.reversed().map { "\(format(x($0.index))),\(format(y($0.lower)))" }
                svg.append(#"<polygon points="\#(band.joined(separator: " "))" fill="\#(entry.colour)" fill-opacity="0.16" stroke="none"/>"#)
                svg.append(#"<polyline points="\#(run.map { "\(format(x($0.index))),\(format(y($0.estimate)))" }.joined(separator: " "))" fill="none" stroke="\#(entry.colour)" stroke-width="2"/>"#)
            }
            for point in entry.points where [point.estimate, point.lower, point.upper].allSatisfy(\.isFinite) {
                svg.append(#"<circle cx="\#(format(x(point.index)))" cy="\#(format(y(point.estimate)))" r="2.5" fill="\#(entry.colour)"><title>\#(escape(point.note))</title></circle>"#)
            }
        }
        svg.append("</g>")
        for (i, entry) in series.enumerated() {
            let last = entry.points.last { [$0.estimate, $0.lower, $0.upper].allSatisfy(\.isFinite) }
            let summary = last.map { ": \(percentLabel($0.estimate, step: 0.001, signed: true)) [\(percentLabel($0.lower, step: 0.001, signed: true)), \(percentLabel($0.upper, step: 0.001, signed: true))] by \(labels[$0.index])" } ?? ""
            svg.append(#"<text x="\#(format(left))" y="\#(format(bottomY + 54 + 18 * Double(i)))" font-size="12" fill="\#(entry.colour)">■ \#(escape(entry.label + summary))</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// Consecutive stretches of points (by index), so a missing day leaves a gap in the line.
    private static func runs(_ points: [BandPoint]) -> [[BandPoint]] {
        var runs: [[BandPoint]] = []
        for point in points {
            if let previous = runs.last?.last, previous.index + 1 == point.index { runs[runs.count - 1].append(point) } else { runs.append([point]) }
        }
        return runs
    }
}
