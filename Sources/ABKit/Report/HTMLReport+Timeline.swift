import Foundation
import ABStats

extension HTMLReport {
    /// The cumulative relative lift of each variant by exposure day with its interval band.
    func timelineChart(_ timeline: TimelineResult, control: String, percent: String) -> String {
        guard timeline.days.count >= 2 else { return "" }
        let keys = timeline.days[0].variants.dropFirst().map(\.key)
        let series = keys.enumerated().map { offset, key in
            let points = timeline.days.enumerated().compactMap { index, day -> SVGChart.BandPoint? in
                guard let variant = day.variants.first(where: { $0.key == key }), let lift = variant.relativeLift,
                      let interval = variant.relativeCi else { return nil }
                let units = day.variants.map { "\($0.key) \(NumberFormatting.count($0.units))" }.joined(separator: ", ")
                let note = "\(key), exposed by \(day.date): \(NumberFormatting.signedPercent(lift, digits: 1)) "
                    + "[\(NumberFormatting.signedPercent(interval.lower, digits: 1)), \(NumberFormatting.signedPercent(interval.upper, digits: 1))]; units \(units)"
                return (index: index, estimate: lift, lower: interval.lower, upper: interval.upper, note: note)
            }
            // Colours follow the variant's place among all variants, as in the other charts.
            return (label: key, colour: SVGChart.palette[(offset + 1) % SVGChart.palette.count], points: points)
        }
        let dates = timeline.days.map(\.date)
        let chart = SVGChart.bands(
            title: "\(timeline.metric): cumulative relative lift vs \(control) by exposure day (UTC), with \(percent)% intervals",
            labels: dates.map { String($0.suffix(5)) },
            axisLabel: "units exposed up to each day (UTC), \(dates.first!) to \(dates.last!)", series: series)
        guard !chart.isEmpty else { return "" }
        return chart + "\n<p class=\"note\">Each day counts every unit exposed up to that day, with all its outcomes so far; "
            + "the bands are \(percent)% intervals of the relative lift. Early days rest on few units, so their bands are wide (cut at the chart's edge).</p>"
    }
}
