/// Computes each metric's value for one unit from its in-window events (sorted by time).
struct UnitMetricComputer {
    private enum Column {
        case binary([UInt8])
        case real([Double])
        case ratio([Double], [Double])
        case funnel([UInt8], steps: [String])
        case timeToEvent([Double], [UInt8])
    }

    private static let day: Int64 = 86_400_000
    private let plan: CollectorPlan
    private var columns: [Column]
    /// Per metric: the event codes it reads (plan order of `events`), and its value column.
    private var codes: [[UInt16]] = []
    private var valueColumn: [Int?] = []

    init(plan: CollectorPlan, userCount: Int) {
        self.plan = plan
        columns = plan.metrics.map { metric in
            switch metric.kind {
            case .conversion, .retention: .binary([UInt8](repeating: 0, count: userCount))
            case .count, .sum: .real([Double](repeating: 0, count: userCount))
            case .ratio: .ratio([Double](repeating: 0, count: userCount), [Double](repeating: 0, count: userCount))
            case .funnel(let steps): .funnel([UInt8](repeating: 0, count: userCount), steps: steps)
            case .timeToEvent: .timeToEvent([Double](repeating: 0, count: userCount), [UInt8](repeating: 0, count: userCount))
            }
        }
    }

    /// Fills every metric's value for unit `u` exposed at `t0`.
    mutating func compute(unit u: Int, exposure t0: Int64, events: [Int32], observationEnd: Int64, collector c: EventCollector) {
        if codes.isEmpty { prepare(c) }
        for (m, metric) in plan.metrics.enumerated() {
            let window = metric.windowMilliseconds ?? .max
            let wanted = codes[m]
            func inWindow(_ e: Int) -> Bool { c.eventTime[e] - t0 <= window }
            switch (metric.kind, columns[m]) {
            case (.conversion, .binary(var x)):
                let code = wanted[0]
                x[u] = events.contains { c.eventCode[Int($0)] == code && inWindow(Int($0)) } ? 1 : 0
                columns[m] = .binary(x)
            case (.retention(_, let first, let last), .binary(var x)):
                let code = wanted[0]
                let lower = Int64(first) * Self.day, upper = Int64(last + 1) * Self.day
                x[u] = events.contains {
                    let e = Int($0)
                    let dt = c.eventTime[e] - t0
                    return c.eventCode[e] == code && dt >= lower && dt < upper
                } ? 1 : 0
                columns[m] = .binary(x)
            case (.count, .real(var x)):
                let code = wanted[0]
                x[u] = Double(events.reduce(0) { $0 + (c.eventCode[Int($1)] == code && inWindow(Int($1)) ? 1 : 0) })
                columns[m] = .real(x)
            case (.sum, .real(var x)):
                let code = wanted[0]
                let values = c.eventValues[valueColumn[m]!]
                var total = 0.0
                for e32 in events {
                    let e = Int(e32)
                    if c.eventCode[e] == code, inWindow(e), !values[e].isNaN { total += values[e] }
                }
                x[u] = total
                columns[m] = .real(x)
            case (.ratio, .ratio(var x, var y)):
                let values = valueColumn[m].map { c.eventValues[$0] }
                var numerator = 0.0, denominator = 0.0
                for e32 in events {
                    let e = Int(e32)
                    guard inWindow(e) else { continue }
                    if c.eventCode[e] == wanted[0] {
                        if let values { if !values[e].isNaN { numerator += values[e] } } else { numerator += 1 }
                    }
                    if c.eventCode[e] == wanted[1] { denominator += 1 }
                }
                x[u] = numerator
                y[u] = denominator
                columns[m] = .ratio(x, y)
            case (.funnel, .funnel(var reached, let steps)):
                // Each step must follow the previous one (same time allowed), all within the window.
                var step = 0
                for e32 in events where step < wanted.count {
                    let e = Int(e32)
                    if c.eventCode[e] == wanted[step], inWindow(e) { step += 1 }
                }
                reached[u] = UInt8(step)
                columns[m] = .funnel(reached, steps: steps)
            case (.timeToEvent, .timeToEvent(var minutes, var observed)):
                let code = wanted[0]
                if let first = events.first(where: { c.eventCode[Int($0)] == code && inWindow(Int($0)) }) {
                    minutes[u] = Self.minutes(c.eventTime[Int(first)] - t0)
                    observed[u] = 1
                } else {
                    let end = min(observationEnd, window == .max ? .max : t0 + window)
                    minutes[u] = Self.minutes(max(0, end - t0))
                    observed[u] = 0
                }
                columns[m] = .timeToEvent(minutes, observed)
            default:
                break
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
        switch columns[m] {
        case .binary(let x): .binary(x)
        case .real(let x): .real(x)
        case .ratio(let x, let y): .ratio(x, y)
        case .funnel(let x, let steps): .funnel(reached: x, steps: steps)
        case .timeToEvent(let x, let o): .timeToEvent(minutes: x, observed: o)
        }
    }
}
