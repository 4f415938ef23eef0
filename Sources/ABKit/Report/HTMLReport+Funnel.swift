import ABSummary
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
        let series = first.variants.map { entry in
            let cells = steps.map { step -> (value: Double, note: String) in
                guard let position = step.funnel, let variant = step.variants.first(where: { $0.key == entry.key }) else { return (.nan, "") }
                var note = "\(entry.key) · step \(position.step) \(position.event): \(rate(variant)) of exposed units"
                if let previous = stepRates[position.step]?.variants.first(where: { $0.key == entry.key }) {
                    note += "; \(rate(previous)) of those who reached step \(position.step - 1)"
                }
                return (variant.mean, note)
            }
            return (label: entry.key, values: cells.map(\.value), notes: cells.map(\.note))
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
}
