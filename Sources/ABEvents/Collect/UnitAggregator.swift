import ABSummary
/// Turns per-unit metric values into per-variant sufficient statistics, overall and per
/// dimension slice, and funnels into one proportion per step on both bases.
struct UnitAggregator {
    let table: UnitTable

    /// All collected metrics of one plan metric; `covariate` (one value per unit slot) adds
    /// Σx, Σx², Σxy to proportion and mean statistics for CUPED; `mature` (per unit slot, for a
    /// windowed metric) keeps the units whose window has not closed out of the statistics and
    /// counts them as `maturing`.
    func aggregate(_ metric: MetricPlan, _ values: UnitValues, covariate: [Double]? = nil, mature: [Bool]? = nil) -> [SummaryMetric] {
        var values = values
        if case .real(let raw) = values { values = .real(capped(metric, raw, mature: mature)) }
        var slices: [(slice: DimensionSlice?, member: (Int) -> Bool)] = [(nil, { _ in true })]
        for (d, name) in table.dimensionNames.enumerated() {
            let column = table.dimensionValues[d]
            for (v, label) in table.dimensionLabels[d].enumerated() {
                let target = Int32(v)
                slices.append((DimensionSlice(name: name, value: label), { column[$0] == target }))
            }
        }
        var results: [SummaryMetric] = []
        for (slice, inSlice) in slices {
            let member: (Int) -> Bool = mature.map { m in { inSlice($0) && m[$0] } } ?? inSlice
            var collected = collect(metric, values, slice: slice, member: member)
            if let covariate { addCovariate(covariate, values, to: &collected, member: member) }
            if let mature { Self.setMaturing(maturingCounts(mature, member: inSlice), in: &collected) }
            results += collected
        }
        return results
    }

    private func collect(
        _ metric: MetricPlan, _ values: UnitValues, slice: DimensionSlice?, member: (Int) -> Bool
    ) -> [SummaryMetric] {
        let k = table.variantKeys.count
        func result(_ shape: StatisticShape, _ variants: [SummaryVariant], funnel: FunnelPosition? = nil) -> SummaryMetric {
            SummaryMetric(of: metric.id, type: shape, variants: variants, funnel: funnel, dimension: slice)
        }
        var variants = table.variantKeys.map { SummaryVariant(key: $0, units: 0) }
        switch values {
        case .binary(let x):
            var conversions = [Int](repeating: 0, count: k)
            for u32 in table.order {
                let u = Int(u32)
                guard member(u) else { continue }
                let v = Int(table.variant[u])
                variants[v].units += 1
                conversions[v] += Int(x[u])
            }
            for v in 0..<k { variants[v].conversions = conversions[v] }
            return [result(.proportion, variants)]
        case .real(let x):
            var sums = [Double](repeating: 0, count: k)
            var squares = [Double](repeating: 0, count: k)
            for u32 in table.order {
                let u = Int(u32)
                guard member(u) else { continue }
                let v = Int(table.variant[u])
                variants[v].units += 1
                sums[v] += x[u]
                squares[v] += x[u] * x[u]
            }
            for v in 0..<k { variants[v].sum = sums[v]; variants[v].sumSquares = squares[v] }
            var collected = result(.mean, variants)
            if let level = metric.quantile {
                // Quantiles need the values themselves: keep each variant's distinct values and counts.
                var counts = [[Double: Int]](repeating: [:], count: k)
                for u32 in table.order where member(Int(u32)) {
                    counts[Int(table.variant[Int(u32)])][x[Int(u32)], default: 0] += 1
                }
                for v in 0..<k {
                    collected.variants[v].distribution = counts[v].keys.sorted().map { ValueCount(value: $0, count: counts[v][$0]!) }
                }
                collected.quantile = level
            }
            return [collected]
        case .ratio(let x, let y):
            var sums = [RatioSums](repeating: RatioSums(), count: k)
            for u32 in table.order {
                let u = Int(u32)
                guard member(u) else { continue }
                let v = Int(table.variant[u])
                variants[v].units += 1
                sums[v].numerator += x[u]
                sums[v].denominator += y[u]
                sums[v].numeratorSquares += x[u] * x[u]
                sums[v].denominatorSquares += y[u] * y[u]
                sums[v].cross += x[u] * y[u]
            }
            for v in 0..<k { variants[v].ratio = sums[v] }
            return [result(.ratio, variants)]
        case .funnel(let reached, let steps):
            // reachedCount[v][s]: units of variant v that reached at least step s (s = 0: exposure).
            var reachedCount = [[Int]](repeating: [Int](repeating: 0, count: steps.count + 1), count: k)
            for u32 in table.order {
                let u = Int(u32)
                guard member(u) else { continue }
                let v = Int(table.variant[u])
                for s in 0...Int(reached[u]) { reachedCount[v][s] += 1 }
            }
            return FunnelPosition.positions(funnel: metric.id, steps: steps).map { position in
                result(.proportion, table.variantKeys.indices.map {
                    SummaryVariant(
                        key: table.variantKeys[$0], units: reachedCount[$0][position.denominatorStep], conversions: reachedCount[$0][position.step])
                }, funnel: position)
            }
        case .timeToEvent(let minutes, let observed):
            var tables = [[Double: (events: Int, censored: Int)]](repeating: [:], count: k)
            for u32 in table.order {
                let u = Int(u32)
                guard member(u) else { continue }
                let v = Int(table.variant[u])
                variants[v].units += 1
                var entry = tables[v][minutes[u], default: (0, 0)]
                if observed[u] == 1 { entry.events += 1 } else { entry.censored += 1 }
                tables[v][minutes[u]] = entry
            }
            for v in 0..<k {
                variants[v].survival = tables[v].keys.sorted().map {
                    SurvivalPoint(time: $0, events: tables[v][$0]!.events, censored: tables[v][$0]!.censored)
                }
                variants[v].conversions = variants[v].survival!.reduce(0) { $0 + $1.events }
            }
            return [result(.survival, variants)]
        }
    }

    /// Units per variant of one slice (`member`) whose window has not closed.
    func maturingCounts(_ mature: [Bool], member: (Int) -> Bool) -> [Int] {
        var counts = [Int](repeating: 0, count: table.variantKeys.count)
        for u32 in table.order where !mature[Int(u32)] && member(Int(u32)) { counts[Int(table.variant[Int(u32)])] += 1 }
        return counts
    }

    /// Sets each variant's `maturing` count (absent when zero) on every metric of a slice: a
    /// funnel's steps all share the units still inside the window.
    static func setMaturing(_ counts: [Int], in metrics: inout [SummaryMetric]) {
        for i in metrics.indices {
            for v in metrics[i].variants.indices { metrics[i].variants[v].maturing = counts[v] > 0 ? counts[v] : nil }
        }
    }

    /// Adds the covariate sums to the proportion or mean statistics just collected for one slice.
    private func addCovariate(_ x: [Double], _ values: UnitValues, to collected: inout [SummaryMetric], member: (Int) -> Bool) {
        let y: (Int) -> Double
        switch values {
        case .binary(let b): y = { Double(b[$0]) }
        case .real(let r): y = { r[$0] }
        case .ratio, .funnel, .timeToEvent: return
        }
        var sums = [CovariateSums](repeating: CovariateSums(), count: table.variantKeys.count)
        for u32 in table.order {
            let u = Int(u32)
            guard member(u) else { continue }
            let v = Int(table.variant[u])
            sums[v].sum += x[u]
            sums[v].sumSquares += x[u] * x[u]
            sums[v].sumProducts += x[u] * y(u)
        }
        for v in sums.indices { collected[0].variants[v].covariate = sums[v] }
    }

    /// A real-valued metric's per-unit values as the statistics see them: raised to the metric's
    /// `floor`, then capped at its winsorizing quantiles, taken over the units the statistics use
    /// (mature ones, for a windowed metric).
    func capped(_ metric: MetricPlan, _ raw: [Double], mature: [Bool]?) -> [Double] {
        var values = raw
        if let floor = metric.floor { values = values.map { Swift.max($0, floor) } }
        guard let limits = metric.winsorize else { return values }
        let counted = mature.map { m in table.order.filter { m[Int($0)] } } ?? table.order
        return Self.winsorized(values, order: counted, lower: limits.lower, upper: limits.upper)
    }

    /// Caps values at the given quantiles of all units' values (linear interpolation, numpy's default).
    static func winsorized(_ values: [Double], order: [Int32], lower: Double?, upper: Double?) -> [Double] {
        let sorted = order.map { values[Int($0)] }.sorted()
        guard !sorted.isEmpty else { return values }
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let below = Int(position.rounded(.down))
            let above = min(below + 1, sorted.count - 1)
            return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
        }
        let low = lower.map(quantile) ?? -Double.infinity
        let high = upper.map(quantile) ?? Double.infinity
        return values.map { min(max($0, low), high) }
    }
}
