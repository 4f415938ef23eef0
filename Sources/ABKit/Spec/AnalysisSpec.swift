import Foundation
import ABAssign
import ABEvents
import ABStats

/// The `analysis` section: significance level, multiple-testing correction, SRM check, prior,
/// sequential testing and CUPED.
public struct AnalysisSpec: Sendable, Hashable, Codable {
    /// Significance level in (0, 1) (default 0.05).
    package var alpha: Double
    /// Multiple-testing correction: none, holm, bonferroni or benjamini-hochberg (default holm).
    package var correction: MultipleComparisonCorrection
    /// The SRM p-value below which the split is flagged (default 0.001).
    package var srmThreshold: Double
    /// Prior for the Bayesian analysis, passed through (e.g. {"type": "beta", "alpha": 1, "beta": 1}).
    package var prior: JSONValue?
    /// Whether tests are one-sided.
    package var oneSided: Bool
    /// Sequential testing, safe to peek: always-valid intervals or a group-sequential design.
    package var sequential: SequentialSpec?
    /// Whether decisions use the CUPED-adjusted comparison when the data carry covariates.
    package var cuped: Bool
    /// The end of observation (ISO 8601 date-time): time to event is censored there, and a windowed
    /// metric counts only the units whose window has closed by then; default: the latest event time.
    package var asOf: String?

    static let corrections = ["none", "holm", "bonferroni", "benjamini-hochberg", "bh"]
    static let fields = ["alpha", "correction", "srmThreshold", "prior", "oneSided", "sequential", "cuped", "asOf"]

    init(reading v: JSONValue?, at path: String, _ r: SpecReader) {
        let o = r.object(v, path, required: false, allowed: Self.fields)
            ?? JSONObject()
        alpha = r.number(o, "alpha", path, in: 0...1, openLower: true, openUpper: true) ?? 0.05
        correction = r.string(o, "correction", path, oneOf: Self.corrections).flatMap(MultipleComparisonCorrection.init(named:)) ?? .holm
        srmThreshold = r.number(o, "srmThreshold", path, in: 0...1, openLower: true, openUpper: true) ?? 0.001
        prior = o["prior"].flatMap { r.object($0, SpecReader.join(path, "prior")) }.map(JSONValue.object)
        oneSided = r.bool(o, "oneSided", path) ?? false
        sequential = o["sequential"].flatMap { SequentialSpec(reading: $0, at: SpecReader.join(path, "sequential"), r) }
        cuped = r.bool(o, "cuped", path) ?? false
        asOf = r.string(o, "asOf", path)
        if let asOf, DecisionSpec.parseDate(asOf) == nil {
            r.expected(SpecReader.join(path, "asOf"), "an ISO 8601 date-time such as \"2026-11-16T00:00:00Z\"", got: .string(asOf))
        }
    }

    /// `asOf` in milliseconds since the epoch, the collector's end of observation.
    package var observationEnd: Int64? {
        asOf.flatMap(DecisionSpec.parseDate).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }
}

/// The `decision` section: when to ship, when to block, when to keep running.
public struct DecisionSpec: Sendable, Hashable, Codable {
    /// The ship rule on the primary metric.
    package var ship: ShipRule?
    /// The minimum units per variant before any decision.
    package var minimumUnitsPerVariant: Int?
    /// How sure the analysis must be of a guardrail breach before it blocks (default 0.95).
    package var guardrailConfidence: Double?
    /// Largest tolerated share of units whose logged variant disagrees with re-assignment.
    package var maximumAssignmentDrift: Double?
    /// Whether a sample ratio mismatch blocks (default true).
    package var blockOnSampleRatioMismatch: Bool?
    /// When the experiment started (ISO 8601 date-time), with `duration` giving the planned end.
    package var start: String?
    /// The planned duration from `start`, e.g. "P14D".
    package var duration: ISODuration?
    /// The relative lift the experiment is powered for (0.05 = +5%), for power reporting.
    package var plannedRelativeEffect: Double?

    /// When the primary metric's best variant ships. Any rule given suffices.
    public struct ShipRule: Sendable, Hashable, Codable {
        /// The primary metric.
        package var metric: String
        /// P(variant better than control) needed (default 0.95 when no other rule is given).
        package var chanceToBeatControl: Double?
        /// Ship on an adjusted p-value below alpha in the goal's direction.
        package var significance: Bool?
        /// Ship when the whole interval of the relative lift clears this lift (0.02 = +2%).
        package var minimumRelativeLift: Double?
        /// Ship when the whole interval of the absolute lift clears this lift.
        package var minimumAbsoluteLift: Double?
        /// `increase` or `decrease`: which way the metric should move (default: the metric's goal).
        package var goal: String?
        /// Ship when the best variant is shown non-inferior at the metric's `nonInferiorityMargin`.
        package var nonInferiority: Bool?
    }

    static let fields = ["ship", "minimumUnitsPerVariant", "guardrailConfidence", "maximumAssignmentDrift",
                         "blockOnSampleRatioMismatch", "start", "duration", "plannedRelativeEffect"]
    static let shipFields = ["metric", "chanceToBeatControl", "significance", "minimumRelativeLift", "minimumAbsoluteLift", "goal", "nonInferiority"]

    init(reading v: JSONValue?, at path: String, _ r: SpecReader) {
        let o = r.object(v, path, required: false, allowed: Self.fields) ?? JSONObject()
        let shipPath = SpecReader.join(path, "ship")
        if let s = r.object(o["ship"], shipPath, required: false, allowed: Self.shipFields) {
            let metric = r.string(s, "metric", shipPath, required: true)
            var rule = metric.map { ShipRule(metric: $0) }
            rule?.chanceToBeatControl = r.number(s, "chanceToBeatControl", shipPath, in: 0...1, openLower: true, openUpper: true)
            rule?.significance = r.bool(s, "significance", shipPath)
            rule?.minimumRelativeLift = r.number(s, "minimumRelativeLift", shipPath)
            rule?.minimumAbsoluteLift = r.number(s, "minimumAbsoluteLift", shipPath)
            rule?.goal = r.string(s, "goal", shipPath, oneOf: ["increase", "decrease"])
            rule?.nonInferiority = r.bool(s, "nonInferiority", shipPath)
            ship = rule
        }
        minimumUnitsPerVariant = r.integer(o, "minimumUnitsPerVariant", path)
        guardrailConfidence = r.number(o, "guardrailConfidence", path, in: 0...1, openLower: true, openUpper: true)
        maximumAssignmentDrift = r.number(o, "maximumAssignmentDrift", path, in: 0...1)
        blockOnSampleRatioMismatch = r.bool(o, "blockOnSampleRatioMismatch", path)
        start = r.string(o, "start", path)
        if let start, Self.parseDate(start) == nil {
            r.expected(SpecReader.join(path, "start"), "an ISO 8601 date-time such as \"2026-11-02T00:00:00Z\"", got: .string(start))
        }
        duration = r.duration(o, "duration", path)
        if (start == nil) != (duration == nil) {
            r.fail(path, "expected both start and duration to plan an end date, or neither")
        }
        plannedRelativeEffect = r.number(o, "plannedRelativeEffect", path, in: 0...Double.greatestFiniteMagnitude, openLower: true)
    }

    /// The planned end: start + duration, when both are given.
    package var plannedEnd: Date? {
        guard let start, let begin = Self.parseDate(start), let duration else { return nil }
        return begin.addingTimeInterval(duration.seconds)
    }

    /// `start` read by the event collector's timestamp parser, so the planned window and the
    /// events' times agree on every form (offsets, a space for `T`, plain dates, epoch numbers).
    static func parseDate(_ text: String) -> Date? {
        var text = text
        let milliseconds = text.withUTF8 { TimestampParsing.milliseconds($0, isNumber: false) }
        return milliseconds.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }
}

/// The `source` section: names of the event fields in the data, where they differ from ABKit's.
///
/// `{"fields": {"user": "uid", "timestamp": "ts"}}` reads the user from column `uid`.
public struct SourceSpec: Sendable, Hashable, Codable {
    /// ABKit field name → the name in the data.
    package var fields: [String: String]

    static let known = FieldNames.fieldNames

    init(reading v: JSONValue?, at path: String, _ r: SpecReader) {
        fields = [:]
        guard let o = r.object(v, path, required: false, allowed: ["fields"]) else { return }
        let fieldsPath = SpecReader.join(path, "fields")
        guard let f = r.object(o["fields"], fieldsPath, required: false, allowed: Self.known) else { return }
        for member in f.members {
            if let name = r.string(f, member.key, fieldsPath) { fields[member.key] = name }
        }
    }
}

extension ExperimentSpec {
    /// The experiment with its end of observation set to `asOf` (ISO 8601) when given, as
    /// `--as-of` overrides the file's `analysis.asOf`.
    package func observed(asOf: String?) throws -> ExperimentSpec {
        guard let asOf else { return self }
        guard DecisionSpec.parseDate(asOf) != nil else {
            throw ABKitError.invalidSetting("asOf", "expected an ISO 8601 date-time such as 2026-11-16T00:00:00Z, got \"\(asOf)\"")
        }
        var spec = self
        spec.analysis.asOf = asOf
        return spec
    }
}
