import ABSummary
import ABStats

/// The per-variant cells that the text and Markdown reports both show, formatted once.
struct MetricRow {
    let variant: String
    let units: String
    let estimate: String
    let lift: String
    let interval: String
    let pValue: String
    let adjustedPValue: String
    let chanceToBeat: String
    let test: String
    /// +1 when the variant wins significantly, −1 when it loses, 0 otherwise.
    let direction: Int

    static func rows(for metric: MetricResult, alpha: Double) -> [MetricRow] {
        metric.variants.enumerated().map { index, variant in
            let isProportion = metric.type == .proportion
            let estimate = isProportion ? NumberFormatting.percent(variant.mean) : NumberFormatting.number(variant.mean)
            guard index > 0, let frequentist = variant.frequentist else {
                return MetricRow(
                    variant: variant.key, units: NumberFormatting.count(variant.units), estimate: estimate,
                    lift: index == 0 ? "control" : "n/a", interval: "", pValue: "", adjustedPValue: "",
                    chanceToBeat: "", test: "", direction: 0)
            }
            let (lift, interval) = liftAndInterval(
                absolute: variant.absoluteLift ?? 0, relative: variant.relativeLift, ci: frequentist.ci, relativeCi: frequentist.relativeCi,
                isProportion: isProportion)
            let significant = frequentist.adjustedPValue < alpha
            let direction = significant ? ((variant.absoluteLift ?? 0) > 0 ? 1 : -1) : 0
            return MetricRow(
                variant: variant.key, units: NumberFormatting.count(variant.units), estimate: estimate,
                lift: lift, interval: interval, pValue: NumberFormatting.pValue(frequentist.pValue),
                adjustedPValue: NumberFormatting.pValue(frequentist.adjustedPValue),
                chanceToBeat: variant.bayesian.map { NumberFormatting.percent($0.chanceToBeatControl, digits: 1) } ?? "",
                test: frequentist.test.rawValue, direction: direction)
        }
    }

    /// The lift and its interval as the tables show them: relative when control is not 0,
    /// otherwise absolute (in points for rates).
    static func liftAndInterval(
        absolute: Double, relative: Double?, ci: ConfidenceInterval, relativeCi: ConfidenceInterval?, isProportion: Bool
    ) -> (lift: String, interval: String) {
        if let relative, let relativeCi {
            return (NumberFormatting.signedPercent(relative),
                    "[\(NumberFormatting.signedPercent(relativeCi.lower)), \(NumberFormatting.signedPercent(relativeCi.upper))]")
        }
        if isProportion {
            return (NumberFormatting.signedPercent(absolute) + " pts",
                    "[\(NumberFormatting.signedPercent(ci.lower)), \(NumberFormatting.signedPercent(ci.upper))] pts")
        }
        return (NumberFormatting.signedNumber(absolute), "[\(NumberFormatting.signedNumber(ci.lower)), \(NumberFormatting.signedNumber(ci.upper))]")
    }

    /// The sequential design and CUPED setting in force, for the reports' settings line
    /// (`always-valid, planned 20,000/variant`, `group look 2 of 5, obrien-fleming`, `CUPED decides`).
    static func settingsNotes(_ settings: SettingsRecord) -> [String] {
        var notes: [String] = []
        if let s = settings.sequential {
            switch s.method {
            case .alwaysValid: notes.append("always-valid" + (s.plannedUnitsPerVariant.map { ", planned \(NumberFormatting.count($0))/variant" } ?? ""))
            case .group: notes.append("group look \(s.look ?? 0) of \(s.looks ?? 0), \(s.spendingFunction.rawValue)")
            }
        }
        if settings.cuped == true { notes.append("CUPED decides") }
        return notes
    }

    /// One sentence per sequential or CUPED block of the metric's variants, for the line under
    /// each report's table: `one-hour, always-valid (planned 20,000/variant): +9.70% [−2.1%, +21.5%], p = 0.31, adj. p = 0.62`.
    static func adjustmentLines(for metric: MetricResult, alpha: Double) -> [String] {
        let isProportion = metric.type == .proportion
        let percent = NumberFormatting.number((1 - alpha) * 100, digits: 3)
        var lines: [String] = []
        if let q = metric.variants.first?.quantile {
            let name = q.level == 0.5 ? "median" : "quantile \(NumberFormatting.number(q.level))"
            lines.append("\(name): " + metric.variants.map { variant in
                guard let block = variant.quantile else { return "\(variant.key) n/a" }
                var text = "\(variant.key) \(NumberFormatting.number(block.estimate))"
                if let difference = block.difference, let ci = block.ci, let p = block.pValue {
                    text += " (\(NumberFormatting.signedNumber(difference)), \(percent)% CI [\(NumberFormatting.signedNumber(ci.lower)), \(NumberFormatting.signedNumber(ci.upper))], p = \(NumberFormatting.pValue(p)))"
                }
                return text
            }.joined(separator: "; "))
        }
        for variant in metric.variants.dropFirst() {
            if let c = variant.cuped {
                let (lift, interval) = liftAndInterval(
                    absolute: c.absoluteLift, relative: c.relativeLift, ci: c.comparison.ci, relativeCi: c.comparison.relativeCi, isProportion: isProportion)
                lines.append("\(variant.key), CUPED (θ = \(NumberFormatting.number(c.theta)), variance \(NumberFormatting.signedPercent(-c.varianceReduction, digits: 1))): "
                    + "lift \(lift) \(percent)% CI \(interval), p = \(NumberFormatting.pValue(c.comparison.pValue)), adj. p = \(NumberFormatting.pValue(c.comparison.adjustedPValue))")
            }
            if let s = variant.sequential {
                let center = (s.ci.lower + s.ci.upper) / 2
                let relative = s.relativeCi.map { ($0.lower + $0.upper) / 2 }
                let (lift, interval) = liftAndInterval(
                    absolute: center, relative: relative, ci: s.ci, relativeCi: s.relativeCi, isProportion: isProportion)
                let basis = s.basis == "cuped" ? ", CUPED" : ""
                switch s.method {
                case .alwaysValid:
                    let planned = s.plannedUnitsPerVariant.map { " (planned \(NumberFormatting.count($0))/variant\(basis))" } ?? ""
                    lines.append("\(variant.key), always-valid\(planned): lift \(lift) \(percent)% CI \(interval), p = \(NumberFormatting.pValue(s.pValue))"
                        + (s.adjustedPValue.map { ", adj. p = \(NumberFormatting.pValue($0))" } ?? "") + (s.significant ? ": significant" : ": not significant yet"))
                case .group:
                    let z = NumberFormatting.signedNumber(s.statistic ?? 0, digits: 4)
                    let boundary = NumberFormatting.number(s.boundary ?? 0, digits: 4)
                    lines.append("\(variant.key), look \(s.look ?? 0) of \(s.looks ?? 0)\(basis): z = \(z) vs boundary ±\(boundary) "
                        + "(nominal p \(NumberFormatting.pValue(s.pValue)) vs \(NumberFormatting.pValue(s.nominalAlpha ?? 0))), repeated CI \(interval)"
                        + (s.significant ? ": boundary crossed, stop" : ": continue"))
                }
            }
        }
        return lines
    }
}
