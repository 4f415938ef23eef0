/// GrowthBook's saved groups: lists of attribute values by group id, which conditions name
/// with `$inGroup` and `$notInGroup` (a payload's `savedGroups` map).
public struct SavedGroups: Sendable, Hashable {
    /// The values of each group, by group id.
    public var groups: [String: [JSONValue]]

    /// No groups: `$inGroup` never matches and `$notInGroup` always does.
    public static let none = SavedGroups()

    /// Creates saved groups from lists of values by group id.
    public init(_ groups: [String: [JSONValue]] = [:]) {
        self.groups = groups
    }

    /// Reads a payload's `savedGroups` object: each member a list of values, or (newer payloads)
    /// an object `{"type": "list", "values": [...]}`. Other group types are left out, so
    /// conditions naming them see an empty group.
    public init(json: JSONValue) throws(GrowthBookPayloadError) {
        guard case .object(let object) = json else {
            throw GrowthBookPayloadError(path: "savedGroups", expected: "an object of group id to list of values", got: json)
        }
        var groups: [String: [JSONValue]] = [:]
        for (id, value) in object.members {
            if let list = value.arrayValue {
                groups[id] = list
            } else if value["type"]?.stringValue == "list", let list = value["values"]?.arrayValue {
                groups[id] = list
            } else if value.objectValue == nil {
                throw GrowthBookPayloadError(path: "savedGroups.\(id)", expected: "a list of values", got: value)
            }
        }
        self.groups = groups
    }

    /// The values of group `id`; a group that is not defined is empty, as in GrowthBook.
    public func values(of id: String) -> [JSONValue] { groups[id] ?? [] }
}
