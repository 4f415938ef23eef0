import ABEvents
import ABStats
import Foundation

import ABSummary

extension SummaryFile {
    /// Reads and validates a summary file; errors name the file and the JSON path.
    public static func load(from path: String) throws -> SummaryFile {
        let summary = try JSONFileLoader.load(SummaryFile.self, from: path)
        try summary.validate(path: path)
        return summary
    }

    /// Checks everything the statistics core will rely on, with the JSON path of each problem.
    public func validate(path: String) throws {
        do {
            try check()
        } catch let problem as SummaryProblem {
            throw ABKitError.badData(path: path, location: problem.jsonPath, message: problem.message)
        }
    }

    /// Checks a summary that ABKit built from `sources` (event logs, user tables), reporting problems in
    /// the user's terms: the input files, the metric id and the variant key, never the JSON path of a
    /// summary the user did not write.
    public func validateCollected(sources: String) throws {
        do {
            try check()
        } catch let problem as SummaryProblem {
            throw ABKitError.badData(path: sources, location: "", message: collectedMessage(problem))
        }
    }

    /// A problem of a collected summary, phrased for the person who wrote the event log or user table.
    private func collectedMessage(_ problem: SummaryProblem) -> String {
        guard let m = problem.metric, metrics.indices.contains(m) else {
            return problem.jsonPath.isEmpty ? problem.message : "\(problem.jsonPath): \(problem.message)"
        }
        let metric = metrics[m]
        guard let v = problem.variant, metric.variants.indices.contains(v) else { return "metric \(metric.id): \(problem.message)" }
        let variant = metric.variants[v]
        if problem.field == "units", variant.units <= 0, let funnel = metric.funnel, funnel.basis == .previousStep {
            // A step's units are those that reached the step before: zero is not a lack of exposures.
            return "metric \(funnel.funnel), step \(funnel.step) (\(funnel.event)), variant \(variant.key): "
                + "no unit reached step \(funnel.step - 1), so this step has no units to divide by"
        }
        if problem.field == "units", variant.units <= 0, let slice = metric.dimension {
            return "metric \(metric.metric ?? metric.id), \(slice.name) = \(slice.value), variant \(variant.key): no exposures in this slice"
        }
        if problem.field == "units", variant.units <= 0 {
            // The same accounting line `abkit aggregate` prints, so the user sees what was read and rejected.
            let read = (data ?? DataAccounting()).reconciliation
            return "no exposures for variant \(variant.key) (\(read))"
        }
        // Sums of finite values that are not finite overflowed: each value was checked when read.
        if let value = problem.value, value.isInfinite {
            return "metric \(metric.id), variant \(variant.key): the \(Self.sumName(problem.field)) overflowed to infinity (values too large?)"
        }
        return "metric \(metric.id), variant \(variant.key): \(problem.field) \(problem.message)"
    }

    /// A variant field's sum in words, for messages about collected data.
    private static func sumName(_ field: String) -> String {
        switch field {
        case "sumSquares": "sum of squares"
        case "ratio.numerator": "numerator sum"
        case "ratio.denominator": "denominator sum"
        case "ratio.numeratorSquares": "numerator sum of squares"
        case "ratio.denominatorSquares": "denominator sum of squares"
        case "ratio.cross": "sum of numerator × denominator"
        case "covariate.sum": "covariate sum"
        case "covariate.sumSquares": "covariate sum of squares"
        case "covariate.sumProducts": "sum of value × covariate"
        default: field
        }
    }

    /// Every rule of docs/summary-file.md; throws the first broken one as a ``SummaryProblem``.
    private func check() throws(SummaryProblem) {
        func fail(_ location: String, _ message: String) -> SummaryProblem {
            SummaryProblem(jsonPath: location, message: message)
        }
        guard !metrics.isEmpty else { throw fail("metrics", "expected at least one metric") }
        var seenMetrics = Set<String>()
        for (m, metric) in metrics.enumerated() {
            let at = "metrics[\(m)]"
            guard seenMetrics.insert(metric.id).inserted else { throw fail("\(at).id", "duplicate metric id '\(metric.id)'") }
            guard metric.variants.count >= 2 else {
                throw fail("\(at).variants", "expected at least 2 variants (control and one more), got \(metric.variants.count)")
            }
            if let q = metric.quantile, !(q > 0 && q < 1) {
                throw fail("\(at).quantile", "must be a number in (0, 1) (got \(NumberText.exact(q)))")
            }
            var seenVariants = Set<String>()
            for (v, variant) in metric.variants.enumerated() {
                let vat = "\(at).variants[\(v)]"
                func variantFail(_ field: String, _ message: String) -> SummaryProblem {
                    SummaryProblem(jsonPath: field.isEmpty ? vat : "\(vat).\(field)", message: message, metric: m, variant: v, field: field,
                                   value: variant.value(of: field))
                }
                guard seenVariants.insert(variant.key).inserted else { throw fail("\(vat).key", "duplicate variant key '\(variant.key)'") }
                if variant.units == 0, (variant.maturing ?? 0) > 0, isMaturing(m) {
                    // Every unit is maturing: no statistics yet (the analysis lists the metric apart), so nothing may be counted.
                    if let conversions = variant.conversions, conversions != 0 {
                        throw variantFail("conversions", "must be 0 when no unit has matured (units 0), got \(conversions)")
                    }
                    for field in ["sum", "sumSquares", "ratio.numerator", "ratio.denominator", "covariate.sum"] {
                        if let value = variant.value(of: field), value != 0 {
                            throw variantFail(field, "must be 0 when no unit has matured (units 0), got \(NumberText.exact(value))")
                        }
                    }
                    if let distribution = variant.distribution, !distribution.isEmpty {
                        throw variantFail("distribution", "must be empty when no unit has matured (units 0), got \(distribution.count) values")
                    }
                } else {
                    do {
                        _ = try variant.statistics(for: metric.type)
                    } catch let StatsError.invalidVariant(_, field, reason) {
                        throw variantFail(field, reason)
                    } catch {
                        throw variantFail("", error.localizedDescription)
                    }
                }
                if let maturing = variant.maturing, maturing < 0 {
                    throw variantFail("maturing", "must be ≥ 0 (got \(maturing))")
                }
                try variant.checkDistribution(at: vat)
                if let x = variant.covariate {
                    guard metric.type == .proportion || metric.type == .mean else {
                        throw fail("\(vat).covariate", "is read only for proportion and mean metrics, not \(metric.type.rawValue)")
                    }
                    do {
                        _ = try variant.covariateSample(for: metric.type, covariate: x)
                    } catch let StatsError.invalidVariant(_, field, reason) {
                        throw variantFail(field, reason)
                    } catch {
                        throw variantFail("covariate", error.localizedDescription)
                    }
                }
            }
            guard seenVariants.contains(control) else {
                throw fail("\(at).variants", "no entry for the control variant '\(control)' (found \(metric.variants.map(\.key).joined(separator: ", ")))")
            }
        }
        if let weights {
            let keys = Set(variantKeys)
            for key in weights.keys.sorted() where !keys.contains(key) {
                throw fail("weights.\(key)", "no variant '\(key)' in the metrics")
            }
            for key in variantKeys where weights[key] == nil {
                throw fail("weights", "missing the weight of variant '\(key)'")
            }
            for (key, weight) in weights.sorted(by: { $0.key < $1.key }) where !(weight.isFinite && weight > 0) {
                throw fail("weights.\(key)", "must be a number > 0 (got \(NumberText.exact(weight)))")
            }
            let sum = weights.values.reduce(0, +)
            guard abs(sum - 1) <= SampleRatioMismatch.weightTolerance else {
                throw fail("weights", "must sum to 1 within 1e-6 (they sum to \(sum))")
            }
        }
        do {
            try timeline?.validate(variantKeys: variantKeys, path: "")
        } catch let error as ABKitError where error.code == .badData {
            throw fail(error.location, error.message)
        } catch {
            throw fail("timeline", error.localizedDescription)
        }
    }
}

/// One broken rule of a summary: its JSON path, and for a variant's field the metric, variant and field,
/// so a summary ABKit built itself can be reported in terms of the data it came from.
struct SummaryProblem: Error {
    /// The JSON path in the summary file, e.g. `metrics[2].variants[0].sum`.
    var jsonPath: String
    /// What was expected and the value as given.
    var message: String
    /// The index of the metric, when the problem is in a variant.
    var metric: Int? = nil
    /// The index of the variant in the metric.
    var variant: Int? = nil
    /// The variant's field, e.g. `sum` or `survival[0].time`.
    var field: String = ""
    /// The field's value, when it is a number.
    var value: Double? = nil
}

extension SummaryVariant {
    /// The CUPED sample of a proportion or mean metric's variant with covariate `x`: y is the
    /// unit's 0/1 conversion (so Σy² = Σy = conversions) or its value. Errors name the file's fields.
    public func covariateSample(for type: StatisticShape, covariate x: CovariateSums) throws -> CovariateSample {
        let isProportion = type == .proportion
        let sumY = isProportion ? Double(conversions ?? 0) : sum ?? 0
        let sumYSquares = isProportion ? sumY : sumSquares ?? 0
        return try CovariateSample(
            units: units, sumY: sumY, sumYSquares: sumYSquares, sumX: x.sum, sumXSquares: x.sumSquares, sumXY: x.sumProducts, label: key,
            names: PairedSumNames(
                firstSum: isProportion ? "conversions" : "sum", firstSquares: isProportion ? "conversions" : "sumSquares",
                secondSum: "covariate.sum", secondSquares: "covariate.sumSquares", products: "covariate.sumProducts"))
    }

    /// The validated statistics for a metric of `type`.
    public func statistics(for type: StatisticShape) throws -> VariantStatistics {
        switch type {
        case .proportion:
            guard let conversions else {
                throw StatsError.invalidVariant(variant: key, field: "conversions", reason: "is required for a proportion metric")
            }
            return .proportion(try ProportionSample(units: units, conversions: conversions, label: key))
        case .mean:
            guard let sum else {
                throw StatsError.invalidVariant(variant: key, field: "sum", reason: "is required for a mean metric")
            }
            guard let sumSquares else {
                throw StatsError.invalidVariant(variant: key, field: "sumSquares", reason: "is required for a mean metric")
            }
            return .mean(try MeanSample(units: units, sum: sum, sumSquares: sumSquares, label: key))
        case .ratio:
            guard let r = ratio else {
                throw StatsError.invalidVariant(variant: key, field: "ratio", reason: "is required for a ratio metric")
            }
            return .ratio(try RatioSample(
                units: units, sumNumerator: r.numerator, sumDenominator: r.denominator, sumNumeratorSquares: r.numeratorSquares,
                sumDenominatorSquares: r.denominatorSquares, sumProducts: r.cross, label: key,
                names: PairedSumNames(
                    firstSum: "ratio.numerator", firstSquares: "ratio.numeratorSquares", secondSum: "ratio.denominator",
                    secondSquares: "ratio.denominatorSquares", products: "ratio.cross")))
        case .survival:
            guard let survival else {
                throw StatsError.invalidVariant(variant: key, field: "survival", reason: "is required for a survival metric")
            }
            let sample: SurvivalSample
            do {
                sample = try SurvivalSample(
                    rows: survival.map { LifeTableRow(time: $0.time, events: $0.events, censored: $0.censored) }, label: key)
            } catch let StatsError.invalidVariant(variant, field, reason) where field.hasPrefix("rows[") {
                // The statistics core numbers life-table rows; in the file they are the entries of `survival`.
                throw StatsError.invalidVariant(variant: variant, field: "survival" + field.dropFirst("rows".count), reason: reason)
            }
            guard sample.units == units else {
                throw StatsError.invalidVariant(variant: key, field: "survival", reason: "holds \(sample.units) units, but units is \(units)")
            }
            return .survival(sample)
        }
    }
}

extension SummaryVariant {
    /// The variant's number at `field` (as a summary file names it), for messages about its value.
    func value(of field: String) -> Double? {
        switch field {
        case "units": Double(units)
        case "conversions": conversions.map(Double.init)
        case "sum": sum
        case "sumSquares": sumSquares
        case "ratio.numerator": ratio?.numerator
        case "ratio.denominator": ratio?.denominator
        case "ratio.numeratorSquares": ratio?.numeratorSquares
        case "ratio.denominatorSquares": ratio?.denominatorSquares
        case "ratio.cross": ratio?.cross
        case "covariate.sum": covariate?.sum
        case "covariate.sumSquares": covariate?.sumSquares
        case "covariate.sumProducts": covariate?.sumProducts
        default: nil
        }
    }

    /// Checks `distribution` (quantiles expand it into one value per unit): finite values and counts
    /// ≥ 0 that add up to at most `units`, so a bad entry is exit 65 at its JSON path, not a trap.
    func checkDistribution(at path: String) throws(SummaryProblem) {
        guard let distribution else { return }
        var total = 0
        for (i, entry) in distribution.enumerated() {
            let at = "\(path).distribution[\(i)]"
            guard entry.value.isFinite else {
                throw SummaryProblem(jsonPath: "\(at).value", message: "must be a finite number (got \(NumberText.exact(entry.value)))")
            }
            guard entry.count >= 0 else {
                throw SummaryProblem(jsonPath: "\(at).count", message: "must be ≥ 0 (got \(entry.count))")
            }
            let (sum, overflow) = total.addingReportingOverflow(entry.count)
            guard !overflow, sum <= units else {
                throw SummaryProblem(
                    jsonPath: "\(at).count",
                    message: "the counts up to here add up to more than units (\(units)): each unit has one value")
            }
            total = sum
        }
    }
}

/// Validated sufficient statistics of one variant.
public enum VariantStatistics: Sendable, Equatable {
    /// A conversion metric.
    case proportion(ProportionSample)
    /// A numeric metric.
    case mean(MeanSample)
    /// A ratio of per-unit sums.
    case ratio(RatioSample)
    /// Times to an event with censoring.
    case survival(SurvivalSample)

    /// Units in the variant.
    public var units: Int {
        switch self {
        case let .proportion(sample): return sample.units
        case let .mean(sample): return sample.units
        case let .ratio(sample): return sample.units
        case let .survival(sample): return sample.units
        }
    }

    /// The rate or mean.
    public var estimate: Double {
        switch self {
        case let .proportion(sample): return sample.rate
        case let .mean(sample): return sample.mean
        // A variant without denominators has no ratio; its comparison says so in a note.
        case let .ratio(sample): return sample.ratio ?? 0
        // The share of units that had the event by the end of their observation.
        case let .survival(sample): return sample.units > 0 ? Double(sample.events) / Double(sample.units) : 0
        }
    }
}
