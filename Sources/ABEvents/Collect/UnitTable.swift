import ABSummary
/// The units of an experiment after exposure is resolved: each unit's variant and dimension
/// values, in a canonical order (by unit id bytes) that does not depend on input order, so
/// floating-point sums come out bit-identical however the input lines are shuffled.
struct UnitTable {
    /// Variant index per unit slot (−1: not a unit).
    var variant: [Int8]
    /// Unit slots in canonical order (units only).
    var order: [Int32]
    /// Per dimension, the value index of each unit slot (−1: none).
    var dimensionValues: [[Int32]]
    /// Per dimension, the value labels.
    var dimensionLabels: [[String]]
    /// The dimension names.
    var dimensionNames: [String]
    /// Variant keys.
    var variantKeys: [String]

    /// Units per variant.
    var unitsPerVariant: [Int] {
        var counts = [Int](repeating: 0, count: variantKeys.count)
        for u in order { counts[Int(variant[Int(u)])] += 1 }
        return counts
    }
}

extension UnitTable {
    /// The units of `variant` (−1 and below: not a unit), ordered by their id bytes, with
    /// dimension labels sorted.
    init(variant: [Int8], users: borrowing ByteInterner, dimensionValues: [[Int32]], dimensionLabels: [[String]], plan: CollectorPlan) {
        let unitVariant = variant.map { $0 < 0 ? Int8(-1) : $0 }
        var order = (0..<Int32(variant.count)).filter { unitVariant[Int($0)] >= 0 }
        order.sort { users.bytesPrecede($0, $1) }
        self.init(
            variant: unitVariant, order: order, dimensionValues: dimensionValues, dimensionLabels: dimensionLabels,
            dimensionNames: plan.dimensions, variantKeys: plan.variants)
        canonicalizeDimensions()
    }

    /// Aggregates each plan metric's per-unit values (and covariate, where one is read) into a
    /// collection result; `mature` gives a windowed metric's per-unit verdict on whether its window closed.
    func result(
        _ plan: CollectorPlan, accounting: CollectionAccounting, values: (Int, MetricPlan) -> UnitValues,
        covariates: (Int, MetricPlan) -> [Double]? = { _, _ in nil }, mature: (Int) -> [Bool]? = { _ in nil }
    ) -> CollectionResult {
        var accounting = accounting
        accounting.units = order.count
        let aggregator = UnitAggregator(table: self)
        var metrics: [SummaryMetric] = []
        for (m, metric) in plan.metrics.enumerated() {
            metrics += aggregator.aggregate(metric, values(m, metric), covariate: covariates(m, metric), mature: mature(m))
        }
        return CollectionResult(
            experiment: plan.experiment, variants: plan.variants, unitsPerVariant: unitsPerVariant,
            metrics: metrics, accounting: accounting)
    }

    /// Sorts each dimension's labels and drops labels no unit has, so slices come out in the
    /// same order whatever the order of the input lines.
    private mutating func canonicalizeDimensions() {
        for d in dimensionNames.indices {
            var used = [Bool](repeating: false, count: dimensionLabels[d].count)
            for u in order where dimensionValues[d][Int(u)] >= 0 { used[Int(dimensionValues[d][Int(u)])] = true }
            let kept = dimensionLabels[d].indices.filter { used[$0] }.sorted { dimensionLabels[d][$0] < dimensionLabels[d][$1] }
            var newIndex = [Int32](repeating: -1, count: dimensionLabels[d].count)
            for (position, old) in kept.enumerated() { newIndex[old] = Int32(position) }
            dimensionValues[d] = dimensionValues[d].map { $0 >= 0 ? newIndex[Int($0)] : -1 }
            dimensionLabels[d] = kept.map { dimensionLabels[d][$0] }
        }
    }
}

/// A metric's value for each unit slot.
enum UnitValues {
    /// 0 or 1 per unit.
    case binary([UInt8])
    /// A real value per unit.
    case real([Double])
    /// Numerator and denominator per unit.
    case ratio([Double], [Double])
    /// How many funnel steps each unit reached, in order.
    case funnel(reached: [UInt8], steps: [String])
    /// Minutes to the event or to censoring, and whether the event was observed.
    case timeToEvent(minutes: [Double], observed: [UInt8])
}
