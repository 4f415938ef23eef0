/// The kinds of metric an experiment can declare, each described once: what it reads, what a unit
/// contributes and which sufficient statistics it produces.
///
/// The collector, the warehouse SQL, the simulator and the analyzer all switch over this enum
/// (never with `default:`), so adding a kind makes the compiler name every place that must learn it.
public enum MetricKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 1 when the unit did the event within the window, else 0.
    case conversion
    /// How many times the unit did the event within the window.
    case count
    /// The sum of an event property over the unit's events within the window.
    case sum
    /// The same per-unit sum as `sum`, declared as the mean per unit (the statistics are the same).
    case mean
    /// Σ numerator / Σ denominator over units (per-unit counts or sums), by the delta method.
    case ratio
    /// Active on a day (or span of days) after exposure.
    case retention
    /// Reached each of several ordered steps.
    case funnel
    /// Minutes from exposure to the first event, censored at the end of observation.
    case timeToEvent

    /// The sufficient statistics the kind produces (a funnel: one proportion per step).
    public var shape: StatisticShape {
        switch self {
        case .conversion, .retention, .funnel: .proportion
        case .count, .sum, .mean: .mean
        case .ratio: .ratio
        case .timeToEvent: .survival
        }
    }

    /// What one unit contributes before aggregation.
    public var unitValue: UnitValueKind {
        switch self {
        case .conversion, .retention: .binary
        case .count, .sum, .mean: .real
        case .ratio: .ratio
        case .funnel: .stepsReached
        case .timeToEvent: .timeToEvent
        }
    }

    /// Whether the kind reads an event property: required (sum, mean), optional (a ratio's
    /// numerator may sum a property instead of counting events) or never.
    public var valueProperty: Requirement {
        switch self {
        case .sum, .mean: .required
        case .ratio: .optional
        case .conversion, .count, .retention, .funnel, .timeToEvent: .never
        }
    }

    /// Whether the kind can be collected by exposure day for a timeline (one proportion or mean per unit).
    public var hasTimeline: Bool {
        switch unitValue {
        case .binary, .real: true
        case .ratio, .stepsReached, .timeToEvent: false
        }
    }

    /// Whether CUPED can adjust the kind: a pre-exposure value of the same per-unit quantity exists.
    public var acceptsCovariate: Bool { hasTimeline }

    /// Whether a quantile of the per-unit values can be compared (real-valued kinds).
    public var acceptsQuantile: Bool {
        switch unitValue {
        case .real: true
        case .binary, .ratio, .stepsReached, .timeToEvent: false
        }
    }

    /// Whether a unit counts only once its window has closed by the end of observation: a unit
    /// exposed yesterday has not failed a 7-day conversion, it has not had the time. Time to event
    /// censors such a unit instead (its time so far is known), so it always counts.
    public var waitsForWindow: Bool {
        switch self {
        case .conversion, .count, .sum, .mean, .ratio, .retention, .funnel: true
        case .timeToEvent: false
        }
    }

    /// Whether winsorizing applies (per-unit values on a continuous scale).
    public var acceptsWinsorizing: Bool { acceptsQuantile }

    /// The experiment-file fields an event-log metric of this kind must give, with what each holds.
    public var requiredEventFields: [(field: String, meaning: String)] {
        switch self {
        case .conversion, .count, .timeToEvent: [("event", "an event name")]
        case .sum, .mean: [("event", "an event name"), ("value", "the event property to aggregate")]
        case .retention: [("event", "an event name"), ("day", "the day after exposure")]
        case .funnel: [("steps", "at least 2 event names")]
        case .ratio: [("numerator", "the numerator event"), ("denominator", "the denominator event")]
        }
    }

    /// Whether a field is needed, allowed or not read.
    public enum Requirement: Sendable, Hashable {
        /// The field must be given.
        case required
        /// The field may be given.
        case optional
        /// The field is not read.
        case never
    }
}

/// What one unit contributes to a metric before aggregation.
public enum UnitValueKind: Sendable, Hashable, CaseIterable {
    /// 0 or 1.
    case binary
    /// A real number.
    case real
    /// A numerator and a denominator.
    case ratio
    /// How many of a funnel's ordered steps were reached.
    case stepsReached
    /// Minutes to the event or to censoring, and whether the event was observed.
    case timeToEvent
}

extension MetricKind {
    /// The kinds with a property, in words for messages: "count, sum and mean".
    public static func names(where property: (MetricKind) -> Bool) -> String {
        let names = allCases.filter(property).map(\.rawValue)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
