import ABAssign
import ABStats
import ABSummary

/// One metric of an experiment file.
public struct MetricSpec: Sendable, Hashable, Codable {
    /// The metric id, unique in the file.
    package var id: String
    /// What is measured.
    package var type: MetricKind
    /// The event counted (all types but funnel and ratio).
    package var event: String?
    /// The event property summed or averaged (sum, mean).
    package var value: String?
    /// How long after exposure events count.
    package var window: ISODuration?
    /// Whether this is the primary metric.
    package var primary: Bool
    /// Limits whose breach blocks a rollout.
    package var guardrail: GuardrailSpec?
    /// The funnel's ordered events (funnel).
    package var steps: [String]?
    /// The day after exposure a user must come back on (retention).
    package var day: Int?
    /// The numerator and denominator events of a ratio metric.
    package var numerator: String?
    /// The denominator event of a ratio metric.
    package var denominator: String?
    /// Caps on per-user values before aggregation.
    package var winsorize: WinsorizeSpec?
    /// Retention over a span of days: active on any day from `day` through this one.
    package var throughDay: Int?
    /// User tables: the column holding the metric (the numerator column of a ratio).
    package var column: String?
    /// User tables: the denominator column of a ratio.
    package var denominatorColumn: String?
    /// User tables: a numeric pre-exposure column (e.g. last month's value of the metric) for CUPED.
    package var covariateColumn: String?
    /// Event logs: the span before exposure whose value of the same metric is the CUPED covariate.
    package var covariateWindow: ISODuration?
    /// Count, sum and mean metrics: a quantile of the per-unit values to compare too (0.5 = median).
    package var quantile: Double?
    /// Which way the metric should move, as written (`nil`: see `direction`).
    package var goal: MetricGoal?
    /// The largest loss a variant may show and still count as "not worse" (non-inferiority).
    package var nonInferiorityMargin: Double?
    /// Whether `nonInferiorityMargin` is relative to control (the default) or absolute.
    package var nonInferiorityScale: MarginScale?

    static let fields = ["id", "type", "event", "value", "window", "primary", "guardrail", "steps", "day",
                         "numerator", "denominator", "winsorize", "throughDay", "column", "denominatorColumn", "covariateColumn", "covariateWindow", "quantile",
                         "goal", "nonInferiorityMargin", "nonInferiorityScale"]

    init?(reading v: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(v, path, allowed: Self.fields) else { return nil }
        let id = r.string(o, "id", path, required: true)
        let type = r.string(o, "type", path, required: true, oneOf: MetricKind.allCases.map(\.rawValue)).flatMap(MetricKind.init)
        event = r.string(o, "event", path)
        value = r.string(o, "value", path)
        window = r.duration(o, "window", path)
        primary = r.bool(o, "primary", path) ?? false
        guardrail = o["guardrail"].flatMap { GuardrailSpec(reading: $0, at: SpecReader.join(path, "guardrail"), r) }
        steps = r.strings(o, "steps", path, minimumCount: 2)
        day = r.integer(o, "day", path, in: 0...SpecReader.maximumDays, what: "a whole number of days from 0 to \(SpecReader.maximumDays)")
        numerator = r.string(o, "numerator", path)
        denominator = r.string(o, "denominator", path)
        winsorize = o["winsorize"].flatMap { WinsorizeSpec(reading: $0, at: SpecReader.join(path, "winsorize"), r) }
        throughDay = r.integer(o, "throughDay", path, in: 0...SpecReader.maximumDays, what: "a whole number of days from 0 to \(SpecReader.maximumDays)")
        column = r.string(o, "column", path)
        denominatorColumn = r.string(o, "denominatorColumn", path)
        covariateColumn = r.string(o, "covariateColumn", path)
        covariateWindow = r.duration(o, "covariateWindow", path)
        quantile = r.number(o, "quantile", path, in: 0...1, openLower: true, openUpper: true)
        goal = r.string(o, "goal", path, oneOf: MetricGoal.allCases.map(\.rawValue)).flatMap(MetricGoal.init)
        nonInferiorityMargin = r.number(o, "nonInferiorityMargin", path, in: 0...Double.greatestFiniteMagnitude, openLower: true)
        nonInferiorityScale = r.string(o, "nonInferiorityScale", path, oneOf: MarginScale.allCases.map(\.rawValue)).flatMap(MarginScale.init)
        if nonInferiorityScale != nil, nonInferiorityMargin == nil {
            r.fail(SpecReader.join(path, "nonInferiorityScale"), "expected nonInferiorityMargin beside it: the scale says how the margin is read")
        }
        if let margin = nonInferiorityMargin, (nonInferiorityScale ?? .relative) == .relative, margin >= 1 {
            r.expected(SpecReader.join(path, "nonInferiorityMargin"), "a relative margin below 1 (0.02 = 2%; a metric cannot fall by 100% or more)", got: .number(margin))
        }
        if nonInferiorityMargin != nil, let type, !type.acceptsNonInferiority {
            r.fail(SpecReader.join(path, "nonInferiorityMargin"), "non-inferiority tests \(MetricKind.names(where: \.acceptsNonInferiority)) metrics, not \(type.rawValue)")
        }
        if quantile != nil, let type, !type.acceptsQuantile {
            r.fail(SpecReader.join(path, "quantile"), "quantiles compare \(MetricKind.names(where: \.acceptsQuantile)) metrics, not \(type.rawValue)")
        }
        if covariateWindow != nil, let type, !type.acceptsCovariate {
            r.fail(SpecReader.join(path, "covariateWindow"), "CUPED adjusts \(MetricKind.names(where: \.acceptsCovariate)) metrics, not \(type.rawValue)")
        }
        if covariateColumn != nil, let type, !type.acceptsCovariate {
            r.fail(SpecReader.join(path, "covariateColumn"), "CUPED adjusts \(MetricKind.names(where: \.acceptsCovariate)) metrics, not \(type.rawValue)")
        }
        if let day, let throughDay, throughDay < day {
            r.fail(SpecReader.join(path, "throughDay"), "expected a day >= day (\(day)), got \(throughDay)")
        }
        guard let id, let type else { return nil }
        self.id = id
        self.type = type
        requireFields(for: type, in: o, at: path, r)
    }

    /// The metric's good direction: the `goal` written, else the opposite of what its guardrail
    /// limits (a guardrail that only caps increases guards a quantity whose rise is the harm, so
    /// its goal is to decrease), else increase.
    package var direction: MetricGoal {
        if let goal { return goal }
        if let limits = guardrail, limits.limitsIncrease, !limits.limitsDecrease { return .decrease }
        return .increase
    }

    private func requireFields(for type: MetricKind, in o: JSONObject, at path: String, _ r: SpecReader) {
        func need(_ key: String, _ what: String) {
            if o[key] == nil { r.expected(SpecReader.join(path, key), "\(what) for a \(type.rawValue) metric", got: nil) }
        }
        // A user table names a column instead of events.
        if o["column"] != nil {
            if type == .ratio { need("denominatorColumn", "the denominator column") }
            if type == .funnel { r.fail(SpecReader.join(path, "column"), "funnels are read from event logs; use \"steps\", not \"column\"") }
            return
        }
        for (field, meaning) in type.requiredEventFields { need(field, meaning) }
    }
}

/// Guardrail limits on a metric, as relative (0.10 = 10%) or absolute changes versus control.
public struct GuardrailSpec: Sendable, Hashable, Codable {
    package var maxRelativeIncrease: Double?
    package var maxAbsoluteIncrease: Double?
    package var maxRelativeDecrease: Double?
    package var maxAbsoluteDecrease: Double?

    static let fields = ["maxRelativeIncrease", "maxAbsoluteIncrease", "maxRelativeDecrease", "maxAbsoluteDecrease"]

    /// Whether a limit caps increases (the harm is a rise).
    var limitsIncrease: Bool { maxRelativeIncrease != nil || maxAbsoluteIncrease != nil }
    /// Whether a limit caps decreases (the harm is a fall).
    var limitsDecrease: Bool { maxRelativeDecrease != nil || maxAbsoluteDecrease != nil }

    init?(reading v: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(v, path, allowed: Self.fields) else { return nil }
        maxRelativeIncrease = r.number(o, "maxRelativeIncrease", path, in: 0...Double.greatestFiniteMagnitude)
        maxAbsoluteIncrease = r.number(o, "maxAbsoluteIncrease", path, in: 0...Double.greatestFiniteMagnitude)
        maxRelativeDecrease = r.number(o, "maxRelativeDecrease", path, in: 0...1)
        maxAbsoluteDecrease = r.number(o, "maxAbsoluteDecrease", path, in: 0...Double.greatestFiniteMagnitude)
        if o.isEmpty { r.fail(path, "expected at least one of \(Self.fields.joined(separator: ", "))") }
    }
}

/// Winsorization of per-user values: cap at these quantiles (e.g. upper 0.99), after raising
/// values below a fixed `floor` to it (e.g. 0: refunds never make a unit's revenue negative).
public struct WinsorizeSpec: Sendable, Hashable, Codable {
    /// The lower quantile, in [0, 1).
    package var lower: Double?
    /// The upper quantile, in (0, 1].
    package var upper: Double?
    /// The smallest per-unit value kept; smaller ones are raised to it before the quantiles are taken.
    package var floor: Double?

    init?(reading v: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(v, path, allowed: ["lower", "upper", "floor"]) else { return nil }
        lower = r.number(o, "lower", path, in: 0...1, openUpper: true)
        upper = r.number(o, "upper", path, in: 0...1, openLower: true)
        floor = r.number(o, "floor", path)
        if let lower, let upper, lower >= upper { r.fail(path, "expected lower < upper, got \(lower) >= \(upper)") }
    }
}

extension MetricKind {
    /// Whether a non-inferiority margin can be tested: one rate or mean per unit, the shapes
    /// with a one-sided test (rates on the difference or log ratio, means by Welch).
    var acceptsNonInferiority: Bool { hasTimeline }
}
