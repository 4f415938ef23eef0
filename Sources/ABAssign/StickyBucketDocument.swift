/// The sticky-bucket assignments stored for one identifier: GrowthBook's assignment document.
///
/// Documents are keyed `attributeName||attributeValue` (``key``); each assignment maps
/// `experimentKey__bucketVersion` (``assignmentKey(experiment:bucketVersion:)``) to the key of
/// the variation first given (the variation's `meta` key, else its index as text).
public struct StickyBucketDocument: Sendable, Hashable {
    /// The identifier attribute ("id", "deviceId").
    public var attributeName: String
    /// The identifier's value, as hashed.
    public var attributeValue: String
    /// `experimentKey__bucketVersion` → variation key.
    public var assignments: [String: String]

    /// Creates a document.
    public init(attributeName: String, attributeValue: String, assignments: [String: String] = [:]) {
        self.attributeName = attributeName
        self.attributeValue = attributeValue
        self.assignments = assignments
    }

    /// The store key, `attributeName||attributeValue`.
    public var key: String { Self.key(attributeName: attributeName, attributeValue: attributeValue) }

    /// The store key of the document for an identifier: `attributeName||attributeValue`.
    public static func key(attributeName: String, attributeValue: String) -> String {
        attributeName + "||" + attributeValue
    }

    /// The assignment key of an experiment at a bucket version: `experimentKey__bucketVersion`.
    public static func assignmentKey(experiment: String, bucketVersion: Int) -> String {
        experiment + "__" + String(bucketVersion)
    }

    /// The document as GrowthBook's SDKs store it:
    /// `{"attributeName": …, "attributeValue": …, "assignments": {…}}` (assignments sorted by key).
    public var json: JSONValue {
        .object(JSONObject([
            (key: "attributeName", value: .string(attributeName)),
            (key: "attributeValue", value: .string(attributeValue)),
            (key: "assignments", value: .object(JSONObject(assignments.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) }))),
        ]))
    }

    /// Reads a document in GrowthBook's stored form; `path` names it in errors.
    public init(json: JSONValue, at path: String) throws(StickyBucketStoreError) {
        guard let name = json["attributeName"]?.stringValue, let value = json["attributeValue"]?.stringValue,
            let assignments = json["assignments"]?.objectValue
        else {
            throw StickyBucketStoreError(kind: .corrupt, path: path,
                message: "expected {\"attributeName\": string, \"attributeValue\": string, \"assignments\": object}")
        }
        var map: [String: String] = [:]
        for (key, variation) in assignments.members {
            guard let variation = variation.stringValue else {
                throw StickyBucketStoreError(kind: .corrupt, path: path, message: "assignment \"\(key)\" is not a string")
            }
            map[key] = variation
        }
        self.init(attributeName: name, attributeValue: value, assignments: map)
    }
}
