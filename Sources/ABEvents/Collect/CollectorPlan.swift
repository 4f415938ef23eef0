import ABAssign
import ABSummary

/// What to collect from event logs or user tables for one experiment.
///
/// ABKit builds a plan from an experiment file; ABEvents never reads experiment files itself,
/// so embedding apps and tests can collect without the analysis layer.
public struct CollectorPlan: Sendable {
    /// The experiment id; exposure lines naming another experiment are skipped.
    public var experiment: String
    /// Variant keys, in the experiment file's order.
    public var variants: [String]
    /// The event that marks exposure (logged with a variant) or eligibility (without one).
    public var exposureEvent: String?
    /// Computes a unit's variant from its id when exposure is not logged (deterministic re-assignment).
    public var assigner: ExperimentConfig?
    /// The metrics.
    public var metrics: [MetricPlan]
    /// Unit attributes that split every metric (taken from the unit's exposure line or row).
    public var dimensions: [String]
    /// Field names in the data.
    public var fields: FieldNames
    /// Lines longer than this are rejected as `line-too-long`.
    public var maximumLineBytes: Int
    /// The end of observation (ms since epoch): time to event is censored there, and a windowed
    /// metric counts only the units whose window has closed by then; default: the latest event time seen.
    public var observationEnd: Int64?
    /// The metric to also collect by exposure day (UTC), for a timeline; nil collects none.
    /// Only conversion, retention, count and sum metrics have a timeline.
    public var timelineMetric: String?

    /// Creates a plan.
    public init(
        experiment: String, variants: [String], exposureEvent: String? = nil, assigner: ExperimentConfig? = nil,
        metrics: [MetricPlan], dimensions: [String] = [], fields: FieldNames = FieldNames(),
        maximumLineBytes: Int = 1 << 20, observationEnd: Int64? = nil, timelineMetric: String? = nil
    ) {
        self.experiment = experiment
        self.variants = variants
        self.exposureEvent = exposureEvent
        self.assigner = assigner
        self.metrics = metrics
        self.dimensions = dimensions
        self.fields = fields
        self.maximumLineBytes = maximumLineBytes
        self.observationEnd = observationEnd
        self.timelineMetric = timelineMetric
    }

    /// The events the metrics read, each once, in order of first appearance: the collector's
    /// event codes (the warehouse query numbers them the same way).
    public var metricEvents: [String] {
        var events: [String] = []
        for metric in metrics { for event in metric.events where !events.contains(event) { events.append(event) } }
        return events
    }

    /// The value properties the metrics read, each once, in order of first appearance: the
    /// collector's value columns.
    public var valueFields: [String] {
        var values: [String] = []
        for metric in metrics { if let v = metric.valueField, !values.contains(v) { values.append(v) } }
        return values
    }
}

/// One metric to collect.
public struct MetricPlan: Sendable, Hashable {
    /// What a unit contributes.
    public enum Kind: Sendable, Hashable {
        /// 1 when the unit did `event` in the window, else 0.
        case conversion(event: String)
        /// How many times the unit did `event` in the window.
        case count(event: String)
        /// The sum of `value` over the unit's `event`s in the window (0 without events).
        case sum(event: String, value: String)
        /// The same per-unit sum, declared as a mean per unit.
        case mean(event: String, value: String)
        /// Active on days `firstDay...lastDay` after exposure (day 0 is the first 24 hours).
        case retention(event: String, firstDay: Int, lastDay: Int)
        /// Reached each step, in order, within the window.
        case funnel(steps: [String])
        /// Numerator and denominator per unit: counts of the events, or sums of `value` on the numerator.
        case ratio(numerator: String, denominator: String, value: String?)
        /// Time from exposure to the first `event`, censored at the end of observation.
        case timeToEvent(event: String)

        /// The kind this is, whose description (statistics, unit value, timeline, CUPED) applies.
        public var metricKind: MetricKind {
            switch self {
            case .conversion: .conversion
            case .count: .count
            case .sum: .sum
            case .mean: .mean
            case .retention: .retention
            case .funnel: .funnel
            case .ratio: .ratio
            case .timeToEvent: .timeToEvent
            }
        }
    }

    /// The metric id.
    public var id: String
    /// What is measured.
    public var kind: Kind
    /// How long after exposure events count, in milliseconds; nil means no limit.
    public var windowMilliseconds: Int64?
    /// Quantiles at which per-unit values are capped (sum and count metrics).
    public var winsorize: (lower: Double?, upper: Double?)?
    /// A fixed lower cap on per-unit values (count, sum and mean), applied before the winsorizing
    /// quantiles are taken: 0 keeps refunds from making a unit's revenue negative.
    public var floor: Double?
    /// In user tables: the column holding the value (numerator column for ratios).
    public var column: String?
    /// In user tables: the denominator column of a ratio.
    public var denominatorColumn: String?
    /// In user tables: a numeric pre-exposure column whose sums with the metric feed CUPED.
    public var covariateColumn: String?
    /// In event logs: the span before exposure over which the same metric, measured on the unit's
    /// earlier events, becomes its CUPED covariate (e.g. sessions in the 14 days before signup).
    public var covariateWindowMilliseconds: Int64?
    /// For count, sum and mean metrics: also compare this quantile of the per-unit values
    /// (0.5 = the median); the collector then keeps each variant's value distribution.
    public var quantile: Double?

    /// Creates a metric plan.
    public init(
        id: String, kind: Kind, windowMilliseconds: Int64? = nil, winsorize: (lower: Double?, upper: Double?)? = nil,
        column: String? = nil, denominatorColumn: String? = nil, covariateColumn: String? = nil,
        covariateWindowMilliseconds: Int64? = nil, quantile: Double? = nil, floor: Double? = nil
    ) {
        self.floor = floor
        self.quantile = quantile
        self.covariateWindowMilliseconds = covariateWindowMilliseconds
        self.covariateColumn = covariateColumn
        self.id = id
        self.kind = kind
        self.windowMilliseconds = windowMilliseconds
        self.winsorize = winsorize
        self.column = column
        self.denominatorColumn = denominatorColumn
    }

    public static func == (lhs: MetricPlan, rhs: MetricPlan) -> Bool {
        lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.windowMilliseconds == rhs.windowMilliseconds
            && lhs.winsorize?.lower == rhs.winsorize?.lower && lhs.winsorize?.upper == rhs.winsorize?.upper
            && lhs.column == rhs.column && lhs.denominatorColumn == rhs.denominatorColumn && lhs.covariateColumn == rhs.covariateColumn
            && lhs.covariateWindowMilliseconds == rhs.covariateWindowMilliseconds && lhs.quantile == rhs.quantile
            && lhs.floor == rhs.floor
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(kind)
    }

    /// The events this metric reads.
    public var events: [String] {
        switch kind {
        case let .conversion(e), let .count(e), let .sum(e, _), let .mean(e, _), let .retention(e, _, _), let .timeToEvent(e): [e]
        case let .funnel(steps): steps
        case let .ratio(n, d, _): [n, d]
        }
    }

    /// Whether one proportion or mean per unit describes the metric (what CUPED adjusts and a
    /// timeline shows).
    public var isProportionOrMean: Bool { kind.metricKind.hasTimeline }

    /// The event property read as a value, if any.
    public var valueField: String? {
        switch kind {
        case let .sum(_, value), let .mean(_, value): value
        case let .ratio(_, _, value): value
        case .conversion, .count, .retention, .funnel, .timeToEvent: nil
        }
    }

    /// How long after exposure the metric's window closes, for metrics whose units count only once
    /// it has (``MetricKind/waitsForWindow``): the window, or the end of a retention's last day.
    /// Nil without a window (nothing to wait for) and for time to event (censored instead).
    public var maturityMilliseconds: Int64? {
        guard kind.metricKind.waitsForWindow, reachMilliseconds != .max else { return nil }
        return reachMilliseconds
    }

    /// Whether a unit exposed at `exposure` has seen the metric's whole window by `observationEnd`
    /// (both ms since the epoch); the warehouse query writes the same comparison.
    public func isMature(exposure: Int64, observationEnd: Int64) -> Bool {
        guard let maturity = maturityMilliseconds else { return true }
        return observationEnd - exposure >= maturity
    }

    /// The latest time after exposure at which an event can still count, in milliseconds.
    public var reachMilliseconds: Int64 {
        switch kind {
        case let .retention(_, _, lastDay): Int64(lastDay + 1) * 86_400_000
        case .conversion, .count, .sum, .mean, .funnel, .ratio, .timeToEvent: windowMilliseconds ?? Int64.max
        }
    }
}

/// The names of the fields the collector reads; each lists accepted names, most preferred first.
public struct FieldNames: Sendable, Hashable {
    /// The unit id.
    public var user: [String] = ["user_id", "userId", "id"]
    /// The event name.
    public var event: [String] = ["event", "name"]
    /// The event time.
    public var timestamp: [String] = ["timestamp", "ts", "time"]
    /// The default value property.
    public var value: [String] = ["value"]
    /// The event id used to drop duplicates.
    public var eventID: [String] = ["event_id", "eventId"]
    /// The experiment id on exposure events.
    public var experiment: [String] = ["experiment", "experiment_id"]
    /// The variant key on exposure events (and the variant column of user tables).
    public var variant: [String] = ["variant", "variation"]

    /// The default names.
    public init() {}

    /// Replaces the names of `field` (user, event, timestamp, value, eventID, experiment, variant) with one name.
    public mutating func override(_ field: String, with name: String) throws(CollectorError) {
        switch field {
        case "user": user = [name]
        case "event": event = [name]
        case "timestamp": timestamp = [name]
        case "value": value = [name]
        case "eventID": eventID = [name]
        case "experiment": experiment = [name]
        case "variant": variant = [name]
        default: throw .badPlan("unknown field '\(field)'; expected one of \(Self.fieldNames.joined(separator: ", "))")
        }
    }

    /// The fields whose names can be overridden.
    public static let fieldNames = ["user", "event", "timestamp", "value", "eventID", "experiment", "variant"]
}
