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
            let (liftText, interval) = liftAndInterval(
                absolute: variant.absoluteLift ?? 0, relative: variant.relativeLift, ci: frequentist.ci, relativeCi: frequentist.relativeCi,
                isProportion: isProportion)
            let significant = frequentist.adjustedPValue < alpha
            // A win is a significant move in the metric's goal: down for lower-is-better metrics.
            let lift = variant.absoluteLift ?? 0
            let better = (metric.goal ?? .increase) == .decrease ? lift < 0 : lift > 0
            let direction = significant ? (better ? 1 : -1) : 0
            return MetricRow(
                variant: variant.key, units: NumberFormatting.count(variant.units), estimate: estimate,
                lift: liftText, interval: interval, pValue: NumberFormatting.pValue(frequentist.pValue),
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

    /// The assignment drift sentence every report shows when some checked unit drifted, whether
    /// or not the decision limits drift: a logged variant that re-assignment does not reproduce
    /// means the exposure log and the assignment disagree.
    static func driftLine(_ data: DataAccounting) -> String? {
        guard let drifted = data.assignmentDrift, drifted > 0, let checked = data.assignmentDriftChecked, checked > 0 else { return nil }
        return "Assignment drift: \(NumberFormatting.count(drifted)) of \(NumberFormatting.count(checked)) checked units "
            + "(\(NumberFormatting.percent(Double(drifted) / Double(checked)))) were logged in a variant other than the one assignment gives them"
    }

    /// The exposure-week cohorts of the primary metric: one line per cohort with each variant's
    /// lift, then one per variant with Cochran's Q; shown under the metric's table.
    static func cohortLines(_ cohorts: CohortResult, percent: String) -> [String] {
        let isProportion = cohorts.type == .proportion
        let shown: (Double) -> String = isProportion ? { NumberFormatting.signedPercent($0) + " pts" } : { NumberFormatting.signedNumber($0) }
        var lines = ["by exposure week (units first exposed that week, absolute lift with \(percent)% CI):"]
        for cohort in cohorts.cohorts {
            let units = cohort.variants.map { "\($0.key) \(NumberFormatting.count($0.units))" }.joined(separator: ", ")
            let lifts = cohort.variants.dropFirst().map { variant in
                guard let lift = variant.absoluteLift, let ci = variant.ci else { return "\(variant.key) n/a" }
                return "\(variant.key) \(shown(lift)) [\(shown(ci.lower)), \(shown(ci.upper))]"
            }.joined(separator: "; ")
            lines.append("  week \(cohort.week) (\(cohort.start) to \(cohort.end); \(units)): \(lifts)")
        }
        for block in cohorts.heterogeneity {
            let verdict = block.heterogeneous
                ? "the effect differs between weeks (novelty, seasonality or a change in who enters): read the weeks, not only the pooled lift"
                : "no evidence that the effect differs between weeks"
            lines.append("  \(block.key): Cochran's Q = \(NumberFormatting.number(block.q)) on \(block.degreesOfFreedom) df, p = \(NumberFormatting.pValue(block.pValue)), "
                + "I² = \(NumberFormatting.percent(block.iSquared, digits: 0)); \(verdict)")
        }
        return lines
    }

    /// The metric's heading: `minutes_to_first_project (mean, lower is better)`.
    static func heading(_ metric: MetricResult) -> String {
        "\(metric.id) (\(metric.type.rawValue)" + (metric.goal == .decrease ? ", lower is better)" : ")")
    }

    /// Kaplan–Meier medians of a survival metric with their intervals, in readable units:
    /// `median time to event: control 2.4 h [2.1 h, 2.9 h]; fast 1.8 h [1.5 h, 2.2 h] (log-rank p = 0.012)`.
    static func survivalLine(_ metric: MetricResult, percent: String) -> String? {
        guard metric.variants.contains(where: { $0.survival != nil }) else { return nil }
        let parts = metric.variants.map { variant -> String in
            guard let s = variant.survival else { return "\(variant.key) n/a" }
            var text = "\(variant.key) " + (s.median.map(NumberFormatting.minutes) ?? "not reached")
            if s.medianLower != nil || s.medianUpper != nil {
                text += " [\(s.medianLower.map(NumberFormatting.minutes) ?? "…"), \(s.medianUpper.map(NumberFormatting.minutes) ?? "not reached")]"
            }
            if let p = s.logRankPValue { text += " (log-rank p = \(NumberFormatting.pValue(p)))" }
            return text
        }
        let horizon = metric.variants.first?.survival.map { ", restricted mean up to \(NumberFormatting.minutes($0.horizon))" } ?? ""
        return "median time to event (\(percent)% CI): " + parts.joined(separator: "; ") + horizon
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
        if let survival = survivalLine(metric, percent: percent) { lines.append(survival) }
        if let curve = metric.doseResponse {
            let level: (Double) -> String = isProportion ? { NumberFormatting.percent($0) } : { NumberFormatting.number($0) }
            let c = curve.coefficients
            var text = "dose-response (quadratic, weights 1/se²): level = \(NumberFormatting.number(c[0])) \(NumberFormatting.signedNumber(c[1])) × dose \(NumberFormatting.signedNumber(c[2])) × dose²"
            if let dose = curve.bestDose, let ci = curve.bestDoseCi, let best = curve.bestLevel {
                text += "; \((metric.goal ?? .increase) == .decrease ? "lowest" : "best") at dose \(NumberFormatting.number(dose)) \(percent)% CI [\(NumberFormatting.number(ci.lower)), \(NumberFormatting.number(ci.upper))]"
                    + " (fitted \(level(best)))" + (curve.withinObservedDoses == true ? "" : ", outside the doses tried: an extrapolation")
            } else {
                text += "; no best dose in between: the curve does not bend that way"
            }
            lines.append(text)
        }
        for variant in metric.variants.dropFirst() {
            if let block = variant.nonInferiority {
                let shown: (Double) -> String = block.scale == .relative && block.method != .welchT || isProportion
                    ? { NumberFormatting.signedPercent($0) } : { NumberFormatting.signedNumber($0) }
                let side = block.threshold < 0 ? "lower" : "upper"
                // A relative margin on a mean is tested in the metric's units: say which share of control it is.
                let share = block.scale == .relative && block.method == .welchT
                    ? " = \(NumberFormatting.signedPercent(block.threshold < 0 ? -block.margin : block.margin)) of control" : ""
                lines.append("\(variant.key), non-inferiority (margin \(shown(block.threshold))\(share)): one-sided \(percent)% \(side) bound \(shown(block.bound)), "
                    + "p = \(NumberFormatting.pValue(block.pValue)): " + (block.nonInferior ? "not worse than the margin" : "not shown non-inferior"))
            }
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
