/// The metric event columns the finishing pass reads, as plain values: read through the
/// collector object, every access would pay a runtime exclusivity check.
struct EventColumns {
    /// Time of each metric event (ms since the epoch).
    let time: [Int64]
    /// Metric event code of each event.
    let code: [UInt16]
    /// Per value field, the value of each event (NaN when absent).
    let values: [[Double]]
}

/// Computes each metric's value for one unit from its in-window events (sorted by time).
///
/// Values live in flat columns, one per metric, written in place: a column held inside an enum
/// payload would be copied whole on every write.
struct UnitMetricComputer {
    private static let day: Int64 = 86_400_000

    /// What one metric computes, reduced to plain data so the per-unit loop copies no strings.
    private enum Rule {
        case conversion, count, sum, ratio, funnel, timeToEvent
        /// Active from `lower` up to (not including) `upper` ms after exposure.
        case retention(lower: Int64, upper: Int64)
    }

    private let plan: CollectorPlan
    private let rules: [Rule]
    /// Per metric: the window in ms (Int64.max: none) and the covariate window (−1: none).
    private let windows: [Int64]
    private let covariateWindows: [Int64]
    /// Per metric: its event codes are `codeList[codeStart[m]..<codeStart[m + 1]]`.
    private let codeList: [UInt16]
    private let codeStart: [Int]
    /// Per metric: its value column, or −1.
    private let valueColumn: [Int]
    /// Per metric: 0/1 per unit (conversion, retention), steps reached (funnel) or event observed (time to event).
    private var flags: [[UInt8]]
    /// Per metric: the value per unit (count, sum), numerator (ratio) or minutes (time to event).
    private var values: [[Double]]
    /// Per metric: the denominator per unit (ratio).
    private var denominators: [[Double]]
    /// Per metric with a covariate window: the same metric measured before exposure, per unit.
    private var covariates: [[Double]]

    /// Columns for `userCount` units; `metricEvents` and `valueFields` are the collector's event codes and value columns.
    init(plan: CollectorPlan, userCount: Int, metricEvents: [[UInt8]], valueFields: [String]) {
        self.plan = plan
        rules = plan.metrics.map { metric in
            switch metric.kind {
            case .conversion: .conversion
            case .count: .count
            case .sum, .mean: .sum
            case .ratio: .ratio
            case .funnel: .funnel
            case .timeToEvent: .timeToEvent
            case let .retention(_, first, last): .retention(lower: Int64(first) * Self.day, upper: Int64(last + 1) * Self.day)
            }
        }
        windows = plan.metrics.map { $0.windowMilliseconds ?? .max }
        covariateWindows = plan.metrics.map { $0.covariateWindowMilliseconds ?? -1 }
        var list: [UInt16] = [], starts = [0]
        for metric in plan.metrics {
            list += metric.events.map { event in UInt16(metricEvents.firstIndex(of: Array(event.utf8))!) }
            starts.append(list.count)
        }
        codeList = list
        codeStart = starts
        valueColumn = plan.metrics.map { metric in metric.valueField.flatMap { valueFields.firstIndex(of: $0) } ?? -1 }
        func column<T: Numeric>(_ needed: Bool) -> [T] { needed ? [T](repeating: 0, count: userCount) : [] }
        flags = rules.map { rule in
            switch rule {
            case .conversion, .retention, .funnel, .timeToEvent: column(true)
            case .count, .sum, .ratio: column(false)
            }
        }
        values = rules.map { rule in
            switch rule {
            case .count, .sum, .ratio, .timeToEvent: column(true)
            case .conversion, .retention, .funnel: column(false)
            }
        }
        denominators = rules.map { rule in
            if case .ratio = rule { return column(true) }
            return column(false)
        }
        covariates = plan.metrics.map { column($0.covariateWindowMilliseconds != nil) }
    }

    /// The CUPED covariate of unit `u`: each metric with a covariate window measured on the
    /// unit's events in [exposure − window, exposure) — whether the event happened (conversion,
    /// retention), how often (count), or the sum of its value (sum, mean).
    mutating func computeCovariates(unit u: Int, exposure t0: Int64, events: [Int32], columns c: EventColumns) {
        for m in rules.indices {
            let window = covariateWindows[m]
            guard window >= 0 else { continue }
            let code = codeList[codeStart[m]]
            var count = 0.0, total = 0.0
            let amounts = valueColumn[m] >= 0 ? c.values[valueColumn[m]] : nil
            for e32 in events {
                let e = Int(e32)
                guard c.code[e] == code, t0 - c.time[e] <= window else { continue }
                count += 1
                if let amounts, !amounts[e].isNaN { total += amounts[e] }
            }
            switch rules[m] {
            case .conversion, .retention: covariates[m][u] = count > 0 ? 1 : 0
            case .count: covariates[m][u] = count
            case .sum: covariates[m][u] = total
            // No covariate window is allowed on these (MetricKind.acceptsCovariate).
            case .ratio, .funnel, .timeToEvent: break
            }
        }
    }

    /// The per-unit covariate of metric `m`, when it has a covariate window.
    func covariate(of m: Int) -> [Double]? {
        covariateWindows[m] < 0 ? nil : covariates[m]
    }

    /// Fills every metric's value for unit `u` exposed at `t0`.
    mutating func compute(unit u: Int, exposure t0: Int64, events: [Int32], observationEnd: Int64, columns c: EventColumns) {
        for m in rules.indices {
            let window = windows[m]
            let first = codeStart[m], end = codeStart[m + 1]
            let code = codeList[first]
            func inWindow(_ e: Int) -> Bool { c.time[e] - t0 <= window }
            switch rules[m] {
            case .conversion:
                flags[m][u] = events.contains { c.code[Int($0)] == code && inWindow(Int($0)) } ? 1 : 0
            case let .retention(lower, upper):
                flags[m][u] = events.contains {
                    let e = Int($0)
                    let dt = c.time[e] - t0
                    return c.code[e] == code && dt >= lower && dt < upper
                } ? 1 : 0
            case .count:
                values[m][u] = Double(events.reduce(0) { $0 + (c.code[Int($1)] == code && inWindow(Int($1)) ? 1 : 0) })
            case .sum:
                let amounts = c.values[valueColumn[m]]
                var total = 0.0
                for e32 in events {
                    let e = Int(e32)
                    if c.code[e] == code, inWindow(e), !amounts[e].isNaN { total += amounts[e] }
                }
                values[m][u] = total
            case .ratio:
                let amounts = valueColumn[m] >= 0 ? c.values[valueColumn[m]] : nil
                let denominatorCode = codeList[first + 1]
                var numerator = 0.0, denominator = 0.0
                for e32 in events {
                    let e = Int(e32)
                    guard inWindow(e) else { continue }
                    if c.code[e] == code {
                        if let amounts { if !amounts[e].isNaN { numerator += amounts[e] } } else { numerator += 1 }
                    }
                    if c.code[e] == denominatorCode { denominator += 1 }
                }
                values[m][u] = numerator
                denominators[m][u] = denominator
            case .funnel:
                flags[m][u] = UInt8(funnelDepth(steps: first..<end, events: events, columns: c, within: inWindow))
            case .timeToEvent:
                if let hit = events.first(where: { c.code[Int($0)] == code && inWindow(Int($0)) }) {
                    values[m][u] = Self.minutes(c.time[Int(hit)] - t0)
                    flags[m][u] = 1
                } else {
                    let end = min(observationEnd, window == .max ? .max : t0 + window)
                    values[m][u] = Self.minutes(max(0, end - t0))
                    flags[m][u] = 0
                }
            }
        }
    }

    /// How many of a funnel's steps (`codeList[steps]`) the unit reached: each step needs an
    /// in-window event of its own at or after the time the previous step was reached, and each
    /// event completes at most one step (a funnel may name an event twice).
    ///
    /// "Same time allowed" is decided here, not by the sort: events that share a timestamp may
    /// complete consecutive steps in step order, whichever order they sort in. The sort breaks
    /// ties by event code, and codes come from the order events first appear across every metric
    /// of the plan — a tie-break that would make a funnel depend on unrelated metrics.
    private func funnelDepth(steps: Range<Int>, events: [Int32], columns c: EventColumns, within inWindow: (Int) -> Bool) -> Int {
        var step = steps.lowerBound
        var i = 0
        while i < events.count, step < steps.upperBound {
            let time = c.time[Int(events[i])]
            var j = i + 1
            while j < events.count, c.time[Int(events[j])] == time { j += 1 }
            // One group of events at the same time (they share the window verdict too).
            if inWindow(Int(events[i])) {
                let groupStart = step
                while step < steps.upperBound {
                    let code = codeList[step]
                    // A step takes an event of the group that no earlier step of this group took:
                    // counting suffices, as events with the same code are interchangeable.
                    var taken = 0
                    for s in groupStart..<step where codeList[s] == code { taken += 1 }
                    var available = 0
                    for k in i..<j where c.code[Int(events[k])] == code { available += 1 }
                    guard available > taken else { break }
                    step += 1
                }
            }
            i = j
        }
        return step - steps.lowerBound
    }

    /// Whole minutes, rounded up, so survival tables stay small.
    private static func minutes(_ milliseconds: Int64) -> Double {
        Double((milliseconds + 59_999) / 60_000)
    }

    /// The per-unit values of metric `m`.
    func values(of m: Int) -> UnitValues {
        let metric = plan.metrics[m]
        switch metric.kind.metricKind.unitValue {
        case .binary: return .binary(flags[m])
        case .real: return .real(values[m])
        case .ratio: return .ratio(values[m], denominators[m])
        case .stepsReached: return .funnel(reached: flags[m], steps: metric.events)
        case .timeToEvent: return .timeToEvent(minutes: values[m], observed: flags[m])
        }
    }
}
