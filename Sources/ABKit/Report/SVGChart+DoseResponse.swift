import Foundation

extension SVGChart {
    /// Each variant's level (rate or mean) with its interval at its dose, and the fitted curve
    /// through them; a dashed vertical line marks the best dose when there is one.
    static func doseResponse(
        title: String, points: [(label: String, dose: Double, level: Double, lower: Double, upper: Double)],
        curve: (Double) -> Double, best: Double?, percent: Bool
    ) -> String {
        guard let minDose = points.map(\.dose).min(), let maxDose = points.map(\.dose).max(), maxDose > minDose else { return "" }
        let samples = (0...60).map { minDose + (maxDose - minDose) * Double($0) / 60 }
        let values = points.flatMap { [$0.lower, $0.upper] } + samples.map(curve)
        guard values.allSatisfy(\.isFinite), let low = values.min(), let high = values.max(), high > low else { return "" }
        let ticks = niceTicks(low: low, high: high)
        let bottom = ticks.first!, top = ticks.last!
        let width = 640.0, left = 60.0, right = 20.0, upper = 16.0, plotHeight = 220.0
        let height = upper + plotHeight + 40
        func x(_ dose: Double) -> Double { left + (dose - minDose) / (maxDose - minDose) * (width - left - right) }
        func y(_ value: Double) -> Double { upper + plotHeight - (value - bottom) / (top - bottom) * plotHeight }
        func label(_ value: Double) -> String {
            percent ? percentLabel(value, step: ticks.count > 1 ? ticks[1] - ticks[0] : 1) : NumberFormatting.number(value, digits: 3)
        }
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \#(format(width)) \#(format(height))" width="\#(format(width))" height="\#(format(height))">"#]
        svg.append(#"<title>\#(escape(title))</title>"#)
        for tick in ticks {
            svg.append(#"<line x1="\#(format(left))" y1="\#(format(y(tick)))" x2="\#(format(width - right))" y2="\#(format(y(tick)))" stroke="gainsboro"/>"#)
            svg.append(#"<text x="\#(format(left - 6))" y="\#(format(y(tick) + 4))" text-anchor="end" font-size="11" fill="dimgray">\#(label(tick))</text>"#)
        }
        let path = samples.map { "\(format(x($0))),\(format(y(curve($0))))" }.joined(separator: " ")
        svg.append(#"<polyline points="\#(path)" fill="none" stroke="gray" stroke-width="2"/>"#)
        if let best, best >= minDose, best <= maxDose {
            svg.append(#"<line x1="\#(format(x(best)))" y1="\#(format(upper))" x2="\#(format(x(best)))" y2="\#(format(upper + plotHeight))" stroke="gray" stroke-dasharray="4 3"/>"#)
        }
        for (i, point) in points.enumerated() {
            let colour = palette[i % palette.count]
            svg.append(#"<line x1="\#(format(x(point.dose)))" y1="\#(format(y(point.lower)))" x2="\#(format(x(point.dose)))" y2="\#(format(y(point.upper)))" stroke="\#(colour)" stroke-width="3"/>"#)
            svg.append(#"<circle cx="\#(format(x(point.dose)))" cy="\#(format(y(point.level)))" r="5" fill="\#(colour)"><title>\#(escape(point.label)): \#(label(point.level))</title></circle>"#)
            svg.append(#"<text x="\#(format(x(point.dose)))" y="\#(format(upper + plotHeight + 16))" text-anchor="middle" font-size="11">\#(escape(point.label)) (\#(NumberFormatting.number(point.dose)))</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
