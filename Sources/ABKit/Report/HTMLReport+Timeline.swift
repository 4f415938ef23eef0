import ABEvents
import Foundation

extension HTMLReport {
    /// A section before a funnel's step sections: conversion from exposure per step and variant,
    /// with each step's conversion from the previous step in the bar's tooltip.
    func funnelSection(_ funnel: String, metrics: [MetricResult]) -> String {
        let overall = metrics.filter { $0.funnel?.funnel == funnel && $0.dimension == nil }
        let steps = overall.filter { $0.funnel?.basis == .exposure }.sorted { $0.funnel!.step < $1.funnel!.step }
        guard let first = steps.first else { return "" }
        let stepRates = Dictionary(
            overall.filter { $0.funnel?.basis == .previousStep }.map { ($0.funnel!.step, $0) }, uniquingKeysWith: { a, _ in a })
        func rate(_ variant: VariantResult) -> String {
            "\(NumberFormatting.percent(variant.mean, digits: 1)) (\(NumberFormatting.count(variant.conversions ?? 0))/\(NumberFormatting.count(variant.units)))"
        }
        let series = first.variants.map { key in
            let cells = steps.map { step -> (value: Double, note: String) in
                guard let position = step.funnel, let variant = step.variants.first(where: { $0.key == key.key }) else { return (.nan, "") }
                var note = "\(key.key) · step \(position.step) \(position.event): \(rate(variant)) of exposed units"
                if let previous = stepRates[position.step]?.variants.first(where: { $0.key == key.key }) {
                    note += "; \(rate(previous)) of those who reached step \(position.step - 1)"
                }
                return (variant.mean, note)
            }
            return (label: key.key, values: cells.map(\.value), notes: cells.map(\.note))
        }
        let chart = SVGChart.bars(
            title: "\(funnel): conversion from exposure at each step, by variant",
            categories: steps.map { "\($0.funnel!.step). \($0.funnel!.event)" }, series: series)
        let rows = steps.map { step -> String in
            let position = step.funnel!
            let cells = step.variants.map { variant -> String in
                let previous = stepRates[position.step]?.variants.first { $0.key == variant.key }
                return "<td>\(SVGChart.escape(NumberFormatting.percent(variant.mean, digits: 1)))"
                    + (previous.map { " <small>(\(SVGChart.escape(NumberFormatting.percent($0.mean, digits: 1))) of step \(position.step - 1))</small>" } ?? "")
                    + "</td>"
            }
            return "<tr><td>\(position.step). \(SVGChart.escape(position.event))</td>" + cells.joined() + "</tr>"
        }
        let header = "<tr><th>step</th>" + first.variants.map { "<th>\(SVGChart.escape($0.key))</th>" }.joined() + "</tr>"
        return "<section><h2>\(SVGChart.escape(funnel)) <small>(funnel)</small></h2>\n\(chart)\n<table>\(header)\(rows.joined())</table>"
            + "<p class=\"note\">Bars: share of exposed units that reached each step in order; in brackets, the share of those who reached the step before.</p></section>"
    }

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
