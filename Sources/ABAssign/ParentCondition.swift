/// A prerequisite: a condition on another feature's value (`{"value": …}`), GrowthBook's
/// `parentConditions` entry.
public struct ParentCondition: Sendable {
    /// The parent feature's key.
    public var id: String
    /// The condition the parent's value must meet, as `{"value": …}` attributes.
    public var condition: TargetingCondition
    /// Whether a failure ends the whole feature (the feature evaluates to `null` with source
    /// `prerequisite`) rather than skipping just this rule.
    public var gate: Bool

    /// Creates a prerequisite.
    public init(id: String, condition: TargetingCondition, gate: Bool = false) {
        self.id = id
        self.condition = condition
        self.gate = gate
    }

    /// Reads `{"id", "condition", "gate"}`.
    public init(json: JSONValue, at path: String) throws(GrowthBookPayloadError) {
        let r = try PayloadReader(json, at: path)
        guard let id = try r.string("id") else {
            throw GrowthBookPayloadError(path: r.at("id"), expected: "the parent feature's key", got: "nothing")
        }
        guard let condition = try r.condition("condition") else {
            throw GrowthBookPayloadError(path: r.at("condition"), expected: "a condition object", got: "nothing")
        }
        self.init(id: id, condition: condition, gate: try r.bool("gate") ?? false)
    }
}
