import Foundation

extension SVGChart {
    /// Kaplan–Meier curves as step lines: the share of units still without the event (y, 0–100%)
    /// against the time since exposure (x, labelled in minutes, hours or days), one colour per
    /// variant in the variants' order (control first, as in the other charts).
    static func survivalCurves(title: String, series: [(label: String, points: [(time: Double, survival: Double)])]) -> String {
        let all = series.flatMap(\.points)
        guard let maxTime = all.map(\.time).max(), maxTime > 0 else { return "" }
        let width = 640.0, left = 50.0, right = 16.0, top = 16.0, plotHeight = 220.0
        let height = top + plotHeight + 60
        let bottomY = top + plotHeight
        func x(_ t: Double) -> Double { left + t / maxTime * (width - left - right) }
        func y(_ s: Double) -> Double { bottomY - s * plotHeight }
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \#(format(width)) \#(format(height))" width="\#(format(width))" height="\#(format(height))">"#]
        svg.append(#"<title>\#(escape(title))</title>"#)
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg.append(#"<line x1="\#(format(left))" y1="\#(format(y(tick)))" x2="\#(format(width - right))" y2="\#(format(y(tick)))" stroke="\#(tick == 0 ? "gray" : "gainsboro")"\#(tick == 0.5 ? #" stroke-dasharray="4 3""# : "")/>"#)
            svg.append(#"<text x="\#(format(left - 6))" y="\#(format(y(tick) + 4))" text-anchor="end" font-size="11" fill="dimgray">\#(NumberFormatting.percent(tick, digits: 0))</text>"#)
        }
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let t = tick * maxTime
            svg.append(#"<text x="\#(format(x(t)))" y="\#(format(bottomY + 16))" text-anchor="middle" font-size="11" fill="dimgray">\#(escape(NumberFormatting.minutes(t)))</text>"#)
        }
        svg.append(#"<text x="\#(format(left + (width - left - right) / 2))" y="\#(format(bottomY + 34))" text-anchor="middle" font-size="11" fill="dimgray">time since exposure; the dashed line is the median (half the units have had the event)</text>"#)
        for (i, entry) in series.enumerated() where !entry.points.isEmpty {
            // A step line: flat until the next event time, then down.
            var path = "M\(format(x(entry.points[0].time))),\(format(y(entry.points[0].survival)))"
            for point in entry.points.dropFirst() {
                path += " H\(format(x(point.time))) V\(format(y(point.survival)))"
            }
            svg.append(#"<path d="\#(path)" fill="none" stroke="\#(palette[i % palette.count])" stroke-width="2"/>"#)
        }
        svg.append(legend(series.enumerated().map { (text: $0.element.label, colour: palette[$0.offset % palette.count]) }, x: left, y: height - 8))
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
