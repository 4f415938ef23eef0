/// GrowthBook's saved groups, by group id: lists of attribute values that conditions name with
/// `$inGroup`/`$notInGroup`, and (newer payloads) typed groups that `$savedGroup` names: a list
/// group tests an attribute against its values, a condition group is a reusable condition.
public struct SavedGroups: Sendable {
    /// One saved group.
    enum Entry: Sendable {
        /// A bare list of values (the original format), usable only by `$inGroup`.
        case values([JSONValue])
        /// `{"type": "list", "attributeKey"?, "values"}`.
        case list([JSONValue], attributeKey: String?)
        /// `{"type": "condition", "condition"}`, compiled once.
        case condition(TargetingCondition)
        /// A group of a type this version does not evaluate; it never matches.
        case unsupported
    }

    /// The groups by id.
    var entries: [String: Entry]
    /// The condition groups being evaluated, innermost last: a group that refers back to one of
    /// them does not match, as in GrowthBook, so cycles end.
    var visiting: [String] = []

    /// No groups: `$inGroup` never matches and `$notInGroup` always does.
    public static let none = SavedGroups()

    /// Creates saved groups from lists of values by group id.
    public init(_ groups: [String: [JSONValue]] = [:]) {
        entries = groups.mapValues { .values($0) }
    }

    /// Reads a payload's `savedGroups` object: each member a list of values, or an object
    /// `{"type": "list", "values": [...], "attributeKey"?: "..."}` or
    /// `{"type": "condition", "condition": {...}}`. Objects of other types are kept as groups
    /// that never match.
    public init(json: JSONValue) throws(GrowthBookPayloadError) {
        guard case .object(let object) = json else {
            throw GrowthBookPayloadError(path: "savedGroups", expected: "an object of group id to list of values", got: json)
        }
        var entries: [String: Entry] = [:]
        for (id, value) in object.members {
            let path = "savedGroups.\(id)"
            switch value {
            case .array(let list):
                entries[id] = .values(list)
            case .object:
                let r = try PayloadReader(value, at: path)
                switch try r.string("type") {
                case "list":
                    guard let list = try r.array("values") else {
                        throw GrowthBookPayloadError(path: r.at("values"), expected: "the group's values", got: "nothing")
                    }
                    entries[id] = .list(list, attributeKey: try r.string("attributeKey"))
                case "condition":
                    guard let condition = try r.condition("condition") else {
                        throw GrowthBookPayloadError(path: r.at("condition"), expected: "the group's condition", got: "nothing")
                    }
                    entries[id] = .condition(condition)
                default:
                    entries[id] = .unsupported
                }
            case .null, .bool, .number, .string:
                throw GrowthBookPayloadError(path: path, expected: "a list of values or a typed group object", got: value)
            }
        }
        self.entries = entries
    }

    /// The values `$inGroup` tests against group `id`: a group that is not defined is empty;
    /// `nil` for a group that is not a list, against which `$inGroup` and `$notInGroup` both fail.
    public func values(of id: String) -> [JSONValue]? {
        switch entries[id] {
        case .none: []
        case .values(let list), .list(let list, _): list
        case .condition, .unsupported: nil
        }
    }

    /// GrowthBook's `$savedGroup` reference `{"id", "attributeKey"?}` against `attributes`.
    func matches(group id: String, attributeKey: String?, _ attributes: JSONValue) -> Bool {
        if visiting.contains(id) { return false }
        switch entries[id] {
        case .list(let values, let key):
            guard let key = attributeKey ?? key else { return false }
            let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            return ValueTest.isIn(ConditionNode.value(at: path, in: attributes), values, insensitive: false)
        case .condition(let condition):
            var inner = self
            inner.visiting.append(id)
            return condition.node.evaluate(attributes, inner)
        case .none, .values, .unsupported:
            return false
        }
    }
}
