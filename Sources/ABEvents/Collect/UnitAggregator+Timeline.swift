import ABSummary
extension UnitTable {
    /// The plan's timeline metric by UTC exposure day, from each unit slot's exposure time (ms
    /// since epoch) and the metric's per-unit values; nil when the plan asks for none.
    func timeline(_ plan: CollectorPlan, exposure: [Int64], values: (Int) -> UnitValues, mature: (Int) -> [Bool]? = { _ in nil }) -> SummaryTimeline? {
        guard let id = plan.timelineMetric, let m = plan.metrics.firstIndex(where: { $0.id == id }) else { return nil }
        return UnitAggregator(table: self).timeline(plan.metrics[m], values(m), exposure: exposure, mature: mature(m))
    }
}

extension UnitAggregator {
    /// Per-variant statistics of `metric` by the UTC day of each unit's exposure (`exposure`: ms
    /// since epoch per unit slot); nil for metric kinds without a timeline (ratio, funnel, time to event).
    /// Units whose window has not closed (`mature` false) are counted as `maturing` on their day,
    /// as in the overall statistics, so the days add up to the metric.
    func timeline(_ metric: MetricPlan, _ values: UnitValues, exposure: [Int64], mature: [Bool]? = nil) -> SummaryTimeline? {
        let statistic: StatisticShape
        var empty = table.variantKeys.map { SummaryVariant(key: $0, units: 0) }
        var binary: [UInt8] = [], real: [Double] = []
        switch values {
        case .binary(let x):
            statistic = .proportion
            binary = x
            for v in empty.indices { empty[v].conversions = 0 }
        case .real(let x):
            statistic = .mean
            real = capped(metric, x, mature: mature)
            for v in empty.indices { empty[v].sum = 0; empty[v].sumSquares = 0 }
        case .ratio, .funnel, .timeToEvent:
            return nil
        }
        // Units in canonical order, so each day's sums come out bit-identical whatever the input order.
        var slotOfDay: [Int64: Int] = [:]
        var dayNumbers: [Int64] = []
        var perDay: [[SummaryVariant]] = []
        var maturing: [[Int]] = []
        for u32 in table.order {
            let u = Int(u32)
            let v = Int(table.variant[u])
            let day = UTCDay.day(ofMilliseconds: exposure[u])
            let d: Int
            if let known = slotOfDay[day] { d = known } else {
                d = perDay.count
                slotOfDay[day] = d
                dayNumbers.append(day)
                perDay.append(empty)
                maturing.append([Int](repeating: 0, count: empty.count))
            }
            if let mature, !mature[u] {
                maturing[d][v] += 1
                continue
            }
            perDay[d][v].units += 1
            if statistic == .proportion {
                perDay[d][v].conversions! += Int(binary[u])
            } else {
                perDay[d][v].sum! += real[u]
                perDay[d][v].sumSquares! += real[u] * real[u]
            }
        }
        for d in perDay.indices {
            for v in perDay[d].indices where maturing[d][v] > 0 { perDay[d][v].maturing = maturing[d][v] }
        }
        let days = dayNumbers.indices.sorted { dayNumbers[$0] < dayNumbers[$1] }
            .map { SummaryDay(date: UTCDay.date(ofDay: dayNumbers[$0]), variants: perDay[$0]) }
        return SummaryTimeline(metric: metric.id, type: statistic, days: days)
    }
}
