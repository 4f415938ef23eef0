/// A feature of a GrowthBook payload: a default value and rules tried in order.
public struct GrowthBookFeature: Sendable {
    /// The value when no rule applies.
    public var defaultValue: JSONValue
    /// The rules, in order.
    public var rules: [FeatureRule]

    /// Creates a feature; a feature with only a default value stands for a known parent value
    /// in prerequisite checks.
    public init(defaultValue: JSONValue, rules: [FeatureRule] = []) {
        self.defaultValue = defaultValue
        self.rules = rules
    }

    /// Reads `{"defaultValue", "rules"}`; `path` names it in errors.
    public init(json: JSONValue, at path: String) throws(GrowthBookPayloadError) {
        let r = try PayloadReader(json, at: path)
        var rules: [FeatureRule] = []
        for (i, rule) in (try r.array("rules") ?? []).enumerated() {
            rules.append(try FeatureRule(json: rule, at: "\(r.at("rules"))[\(i)]"))
        }
        self.init(defaultValue: r.value("defaultValue") ?? .null, rules: rules)
    }
}
