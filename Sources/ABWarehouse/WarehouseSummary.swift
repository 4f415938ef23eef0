import ABSummary
import ABEvents
import Foundation

/// Builds the summary file from a ``SummaryQuery``'s rows, in the collector's order: each
/// metric overall, then its funnel steps, then its dimension slices (values sorted), every
/// variant present even without units; then the timeline, when the plan has one.
public enum WarehouseSummary {
    /// The summary of `rows` for `plan`; `assignments` tells whether an assignments table gave
    /// variant-less units their variant (its absentees are then not in the experiment).
    public static func build(
        plan: CollectorPlan, control: String, weights: [String: Double]?, rows: [SummaryRow], assignments: Bool = false
    ) throws -> SummaryFile {
        var labels = plan.dimensions.map { _ in Set<String>() }
        for row in rows where row.metricIndex >= 0 && row.dimensionIndex >= 0 {
            guard row.dimensionIndex < labels.count else { throw WarehouseError.badResult("dimension_index \(row.dimensionIndex)") }
            if let label = row.dimensionValue { labels[row.dimensionIndex].insert(label) }
        }
        let sortedLabels = labels.map { $0.sorted() }
        var byKey: [Key: [SummaryRow]] = [:], distributions: [Key: [SummaryRow]] = [:], maturing: [Key: [SummaryRow]] = [:]
        for row in rows where row.metricIndex >= 0 && row.part != .timeline {
            guard row.metricIndex < plan.metrics.count else { throw WarehouseError.badResult("metric_index \(row.metricIndex)") }
            if row.dimensionIndex >= 0, row.dimensionValue == nil { continue }  // units without a value of that dimension
            let key = Key(m: row.metricIndex, d: row.dimensionIndex, label: row.dimensionValue)
            switch row.part {
            case .distribution: distributions[key, default: []].append(row)
            case .maturing: maturing[key, default: []].append(row)
            case .statistics, .timeline: byKey[key, default: []].append(row)
            }
        }
        var metrics: [SummaryMetric] = []
        for (m, metric) in plan.metrics.enumerated() {
            var slices: [(slice: DimensionSlice?, key: Key)] = [(nil, Key(m: m, d: -1, label: nil))]
            for (d, name) in plan.dimensions.enumerated() {
                for label in sortedLabels[d] {
                    slices.append((DimensionSlice(name: name, value: label), Key(m: m, d: d, label: label)))
                }
            }
            for (slice, key) in slices {
                var collected = collect(metric, plan.variants, rows: byKey[key] ?? [], slice: slice)
                if let level = metric.quantile, case .mean = collected[0].type {
                    collected[0].quantile = level
                    let byVariant = Dictionary(grouping: distributions[key] ?? []) { $0.variant ?? "" }
                    for v in collected[0].variants.indices {
                        collected[0].variants[v].distribution = (byVariant[collected[0].variants[v].key] ?? [])
                            .map { ValueCount(value: $0.bucket ?? 0, count: $0.units) }.sorted { $0.value < $1.value }
                    }
                }
                if let found = maturing[key] {
                    // Every funnel step and the metric share the units still inside the window, as in the collector.
                    for i in collected.indices {
                        for v in collected[i].variants.indices {
                            let n = found.filter { $0.variant == collected[i].variants[v].key }.reduce(0) { $0 + $1.units }
                            collected[i].variants[v].maturing = n > 0 ? n : nil
                        }
                    }
                }
                metrics += collected
            }
        }
        var data = DataAccounting()
        // Every unit is in metric 0's statistics or, while its window is open, among its maturing units.
        data.units = rows.filter { ($0.part == .statistics || $0.part == .maturing) && $0.metricIndex == 0 && $0.dimensionIndex == -1 }
            .reduce(0) { $0 + $1.units }
        if let excluded = rows.first(where: { $0.metricIndex == -1 }) {
            var entries: [(key: String, value: Int)] = []
            if let n = excluded.events, n > 0 { entries.append((ExcludedUnitReason.multipleVariants.rawValue, n)) }
            let variantless: ExcludedUnitReason = assignments ? .notInExperiment : .noVariant
            if let n = excluded.censored, n > 0 { entries.append((variantless.rawValue, n)) }
            data.excludedUnits = KeyedValues(entries.sorted { $0.key < $1.key })
        }
        var summary = SummaryFile(experiment: plan.experiment, control: control, weights: weights, metrics: metrics, data: data)
        summary.timeline = timeline(plan, rows: rows.filter { $0.part == .timeline })
        return summary
    }

    /// The timeline metric by UTC exposure day: days in date order, every variant present.
    private static func timeline(_ plan: CollectorPlan, rows: [SummaryRow]) -> SummaryTimeline? {
        guard let id = plan.timelineMetric, let metric = plan.metrics.first(where: { $0.id == id }), metric.isProportionOrMean else {
            return nil
        }
        let proportion = metric.kind.metricKind.unitValue == .binary
        let byDay = Dictionary(grouping: rows) { Int64($0.bucket ?? 0) }
        let days = byDay.keys.sorted().map { day in
            let byVariant = Dictionary(grouping: byDay[day]!) { $0.variant ?? "" }
            return SummaryDay(date: UTCDay.date(ofDay: day), variants: plan.variants.map { key in
                let found = byVariant[key] ?? []
                let units = found.reduce(0) { $0 + $1.units }
                let waiting = found.reduce(0) { $0 + ($1.censored ?? 0) }
                let maturing = waiting > 0 ? waiting : nil
                if proportion {
                    return SummaryVariant(key: key, units: units, conversions: found.reduce(0) { $0 + ($1.events ?? 0) }, maturing: maturing)
                }
                return SummaryVariant(key: key, units: units, sum: found.reduce(0) { $0 + ($1.sumY ?? 0) },
                                      sumSquares: found.reduce(0) { $0 + ($1.sumYSquared ?? 0) }, maturing: maturing)
            })
        }
        return SummaryTimeline(metric: metric.id, type: proportion ? .proportion : .mean, days: days)
    }

    private struct Key: Hashable {
        var m: Int
        var d: Int
        var label: String?
    }

    private static func collect(_ metric: MetricPlan, _ keys: [String], rows: [SummaryRow], slice: DimensionSlice?) -> [SummaryMetric] {
        let byVariant = Dictionary(grouping: rows) { $0.variant ?? "" }
        let shape = metric.kind.metricKind.shape
        func make(_ variants: [SummaryVariant], funnel: FunnelPosition? = nil) -> SummaryMetric {
            SummaryMetric(of: metric.id, type: shape, variants: variants, funnel: funnel, dimension: slice)
        }
        func units(_ key: String) -> Int { (byVariant[key] ?? []).reduce(0) { $0 + $1.units } }
        func sum(_ key: String, _ column: KeyPath<SummaryRow, Double?>) -> Double {
            (byVariant[key] ?? []).reduce(0) { $0 + ($1[keyPath: column] ?? 0) }
        }
        // The CUPED covariate's sums, zero for a variant without units as in the collector.
        func covariate(_ key: String) -> CovariateSums? {
            guard SummaryQuery.hasCovariate(metric) else { return nil }
            return CovariateSums(sum: sum(key, \.sumX), sumSquares: sum(key, \.sumXSquared), sumProducts: sum(key, \.sumXY))
        }
        switch metric.kind.metricKind.unitValue {
        case .binary:
            return [make(keys.map {
                SummaryVariant(key: $0, units: units($0), conversions: (byVariant[$0] ?? []).reduce(0) { $0 + ($1.events ?? 0) },
                               covariate: covariate($0))
            })]
        case .real:
            return [make(keys.map {
                SummaryVariant(key: $0, units: units($0), sum: sum($0, \.sumY), sumSquares: sum($0, \.sumYSquared), covariate: covariate($0))
            })]
        case .ratio:
            return [make(keys.map {
                // A ratio's numerator is the per-unit value y, its denominator x.
                SummaryVariant(key: $0, units: units($0), ratio: RatioSums(
                    numerator: sum($0, \.sumY), denominator: sum($0, \.sumX), numeratorSquares: sum($0, \.sumYSquared),
                    denominatorSquares: sum($0, \.sumXSquared), cross: sum($0, \.sumXY)))
            })]
        case .timeToEvent:
            return [make(keys.map { key in
                let points = (byVariant[key] ?? []).sorted { ($0.bucket ?? 0) < ($1.bucket ?? 0) }
                    .map { SurvivalPoint(time: $0.bucket ?? 0, events: $0.events ?? 0, censored: $0.censored ?? 0) }
                return SummaryVariant(key: key, units: units(key), conversions: points.reduce(0) { $0 + $1.events }, survival: points)
            })]
        case .stepsReached:
            let steps = metric.events
            // reached[v][s]: units of variant v that reached at least step s (s = 0: exposure).
            let reached = keys.map { key in
                (0...steps.count).map { s in (byVariant[key] ?? []).filter { Int($0.bucket ?? 0) >= s }.reduce(0) { $0 + $1.units } }
            }
            return FunnelPosition.positions(funnel: metric.id, steps: steps).map { position in
                make(keys.indices.map {
                    SummaryVariant(key: keys[$0], units: reached[$0][position.denominatorStep], conversions: reached[$0][position.step])
                }, funnel: position)
            }
        }
    }
}
