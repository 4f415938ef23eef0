import ABAssign
import ABEvents

/// The `analysis` section: significance level, multiple-testing correction, SRM check, prior.
public struct AnalysisSpec: Sendable, Hashable, Codable {
    /// Significance level in (0, 1) (default 0.05).
    public var alpha: Double
    /// Multiple-testing correction: none, holm, bonferroni or benjamini-hochberg (default holm).
    public var correction: String
    /// The SRM p-value below which the split is flagged (default 0.001).
    public var srmThreshold: Double
    /// Prior for the Bayesian analysis, passed through (e.g. {"type": "beta", "alpha": 1, "beta": 1}).
    public var prior: JSONValue?
    /// Whether tests are one-sided.
    public var oneSided: Bool

    static let corrections = ["none", "holm", "bonferroni", "benjamini-hochberg"]

    init(reading v: JSONValue?, at path: String, _ r: SpecReader) {
        let o = r.object(v, path, required: false, allowed: ["alpha", "correction", "srmThreshold", "prior", "oneSided"])
            ?? JSONObject()
        alpha = r.number(o, "alpha", path, in: 0...1, openLower: true, openUpper: true) ?? 0.05
        correction = r.string(o, "correction", path, oneOf: Self.corrections) ?? "holm"
        srmThreshold = r.number(o, "srmThreshold", path, in: 0...1, openLower: true, openUpper: true) ?? 0.001
        prior = o["prior"].flatMap { r.object($0, SpecReader.join(path, "prior")) }.map(JSONValue.object)
        oneSided = r.bool(o, "oneSided", path) ?? false
    }
}

/// The `decision` section: when to ship.
public struct DecisionSpec: Sendable, Hashable, Codable {
    /// The ship rule: the metric and the chance to beat control it needs.
    public var ship: ShipRule?
    /// The minimum units per variant before any decision.
    public var minimumUnitsPerVariant: Int?

    /// Ship when `metric`'s chance to beat control reaches `chanceToBeatControl`.
    public struct ShipRule: Sendable, Hashable, Codable {
        public var metric: String
        public var chanceToBeatControl: Double
    }

    init(reading v: JSONValue?, at path: String, _ r: SpecReader) {
        let o = r.object(v, path, required: false, allowed: ["ship", "minimumUnitsPerVariant"]) ?? JSONObject()
        let shipPath = SpecReader.join(path, "ship")
        if let s = r.object(o["ship"], shipPath, required: false, allowed: ["metric", "chanceToBeatControl"]) {
            let metric = r.string(s, "metric", shipPath, required: true)
            let chance = r.number(s, "chanceToBeatControl", shipPath, in: 0...1, openLower: true, openUpper: true) ?? 0.95
            if let metric { ship = ShipRule(metric: metric, chanceToBeatControl: chance) }
        }
        minimumUnitsPerVariant = r.integer(o, "minimumUnitsPerVariant", path)
    }
}

/// The `source` section: names of the event fields in the data, where they differ from ABKit's.
///
/// `{"fields": {"user": "uid", "timestamp": "ts"}}` reads the user from column `uid`.
public struct SourceSpec: Sendable, Hashable, Codable {
    /// ABKit field name → the name in the data.
    public var fields: [String: String]

    static let known = EventField.allCases.map(\.rawValue)

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
