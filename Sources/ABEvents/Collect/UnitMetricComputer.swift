/// Computes each metric's value for one unit from its in-window events (sorted by time).
///
/// Values live in flat columns, one per metric, written in place: a column held inside an enum
/// payload would be copied whole on every write.
struct UnitMetricComputer {
    private static let day: Int64 = 86_400_000
    private let plan: CollectorPlan
    /// Per metric: 0/1 per unit (conversion, retention), steps reached (funnel) or event observed (time to event).
    private var flags: [[UInt8]]
    /// Per metric: the value per unit (count, sum), numerator (ratio) or minutes (time to event).
    private var values: [[Double]]
    /// Per metric: the denominator per unit (ratio).
    private var denominators: [[Double]]
    /// Per metric with a covariate window: the same metric measured before exposure, per unit.
    private var covariates: [[Double]]
    /// Per metric: the event codes it reads and its value column.
    private var codes: [[UInt16]] = []
    private var valueColumn: [Int?] = []

    init(plan: CollectorPlan, userCount: Int) {
        self.plan = plan
        func column<T: Numeric>(_ needed: Bool) -> [T] { needed ? [T](repeating: 0, count: userCount) : [] }
        flags = plan.metrics.map { metric in
            switch metric.kind {
            case .conversion, .retention, .funnel, .timeToEvent: column(true)
            default: column(false)
            }
        }
        values = plan.metrics.map { metric in
            switch metric.kind {
            case .count, .sum, .ratio, .timeToEvent: column(true)
            default: column(false)
            }
        }
        denominators = plan.metrics.map { metric in
            if case .ratio = metric.kind { return column(true) }
            return column(false)
        }
        covariates = plan.metrics.map { column($0.covariateWindowMilliseconds != nil) }
    }

    /// The CUPED covariate of unit `u`: each metric with a covariate window measured on the
    /// unit's events in [exposure − window, exposure) — whether the event happened (conversion,
    /// retention), how often (count), or the sum of its value (sum, mean).
    mutating func computeCovariates(unit u: Int, exposure t0: Int64, events: [Int32], collector c: EventCollector) {
        if codes.isEmpty { prepare(c) }
        for (m, metric) in plan.metrics.enumerated() {
            guard let window = metric.covariateWindowMilliseconds else { continue }
            let code = codes[m][0]
            var count = 0.0, total = 0.0
            let amounts = valueColumn[m].map { c.state.eventValues[$0] }
            for e32 in events {
                let e = Int(e32)
                guard c.state.eventCode[e] == code, t0 - c.state.eventTime[e] <= window else { continue }
                count += 1
                if let amounts, !amounts[e].isNaN { total += amounts[e] }
            }
            switch metric.kind {
            case .conversion, .retention: covariates[m][u] = count > 0 ? 1 : 0
            case .count: covariates[m][u] = count
            case .sum: covariates[m][u] = total
            default: break
            }
        }
    }

    /// The per-unit covariate of metric `m`, when it has a covariate window.
    func covariate(of m: Int) -> [Double]? {
        plan.metrics[m].covariateWindowMilliseconds == nil ? nil : covariates[m]
    }

    /// Fills every metric's value for unit `u` exposed at `t0`.
    mutating func compute(unit u: Int, exposure t0: Int64, events: [Int32], observationEnd: Int64, collector c: EventCollector) {
        if codes.isEmpty { prepare(c) }
        for (m, metric) in plan.metrics.enumerated() {
            let window = metric.windowMilliseconds ?? .max
            let wanted = codes[m]
            func inWindow(_ e: Int) -> Bool { c.state.eventTime[e] - t0 <= window }
            switch metric.kind {
            case .conversion:
                let code = wanted[0]
                flags[m][u] = events.contains { c.state.eventCode[Int($0)] == code && inWindow(Int($0)) } ? 1 : 0
            case let .retention(_, first, last):
                let code = wanted[0]
                let lower = Int64(first) * Self.day, upper = Int64(last + 1) * Self.day
                flags[m][u] = events.contains {
                    let e = Int($0)
                    let dt = c.state.eventTime[e] - t0
                    return c.state.eventCode[e] == code && dt >= lower && dt < upper
                } ? 1 : 0
            case .count:
                let code = wanted[0]
                values[m][u] = Double(events.reduce(0) { $0 + (c.state.eventCode[Int($1)] == code && inWindow(Int($1)) ? 1 : 0) })
            case .sum:
                let code = wanted[0]
                let amounts = c.state.eventValues[valueColumn[m]!]
                var total = 0.0
                for e32 in events {
                    let e = Int(e32)
                    if c.state.eventCode[e] == code, inWindow(e), !amounts[e].isNaN { total += amounts[e] }
                }
                values[m][u] = total
            case .ratio:
                let amounts = valueColumn[m].map { c.state.eventValues[$0] }
                var numerator = 0.0, denominator = 0.0
                for e32 in events {
                    let e = Int(e32)
                    guard inWindow(e) else { continue }
                    if c.state.eventCode[e] == wanted[0] {
                        if let amounts { if !amounts[e].isNaN { numerator += amounts[e] } } else { numerator += 1 }
                    }
                    if c.state.eventCode[e] == wanted[1] { denominator += 1 }
                }
                values[m][u] = numerator
                denominators[m][u] = denominator
            case .funnel:
                // Each step must follow the previous one (same time allowed), all within the window.
                var step = 0
                for e32 in events where step < wanted.count {
                    let e = Int(e32)
                    if c.state.eventCode[e] == wanted[step], inWindow(e) { step += 1 }
                }
                flags[m][u] = UInt8(step)
            case .timeToEvent:
                let code = wanted[0]
                if let first = events.first(where: { c.state.eventCode[Int($0)] == code && inWindow(Int($0)) }) {
                    values[m][u] = Self.minutes(c.state.eventTime[Int(first)] - t0)
                    flags[m][u] = 1
                } else {
                    let end = min(observationEnd, window == .max ? .max : t0 + window)
                    values[m][u] = Self.minutes(max(0, end - t0))
                    flags[m][u] = 0
                }
            }
        }
    }

    /// Whole minutes, rounded up, so survival tables stay small.
    private static func minutes(_ milliseconds: Int64) -> Double {
        Double((milliseconds + 59_999) / 60_000)
    }

    private mutating func prepare(_ c: EventCollector) {
        let names = c.metricEvents
        for metric in plan.metrics {
            codes.append(metric.events.map { event in UInt16(names.firstIndex(of: Array(event.utf8))!) })
            valueColumn.append(metric.valueField.flatMap { c.valueFields.firstIndex(of: $0) })
        }
    }

    /// The per-unit values of metric `m`.
    func values(of m: Int) -> UnitValues {
        switch plan.metrics[m].kind {
        case .conversion, .retention: .binary(flags[m])
        case .count, .sum: .real(values[m])
        case .ratio: .ratio(values[m], denominators[m])
        case .funnel(let steps): .funnel(reached: flags[m], steps: steps)
        case .timeToEvent: .timeToEvent(minutes: values[m], observed: flags[m])
        }
    }
}
