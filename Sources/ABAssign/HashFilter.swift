/// One of an experiment's hash filters: the user must hash into one of `ranges` under the
/// filter's own seed, hash version and attribute (GrowthBook's `filters`, which replace
/// namespaces in newer payloads).
public struct HashFilter: Sendable, Hashable {
    /// The attribute hashed (default "id").
    public var attribute: String
    /// The hash seed (default "").
    public var seed: String
    /// The hash version (default 2); an unknown version filters everyone out.
    public var hashVersion: Int
    /// The hash ranges that pass.
    public var ranges: [BucketRange]

    /// Creates a filter.
    public init(attribute: String = "id", seed: String = "", hashVersion: Int = 2, ranges: [BucketRange]) {
        self.attribute = attribute
        self.seed = seed
        self.hashVersion = hashVersion
        self.ranges = ranges
    }

    /// Reads a payload filter `{"seed", "ranges", "hashVersion", "attribute"}`.
    public init(json: JSONValue, at path: String) throws(GrowthBookPayloadError) {
        let r = try PayloadReader(json, at: path)
        guard let ranges = try r.ranges("ranges") else {
            throw GrowthBookPayloadError(path: r.at("ranges"), expected: "a list of [start, end] ranges", got: "nothing")
        }
        self.init(attribute: try r.string("attribute") ?? "id", seed: try r.string("seed") ?? "",
                  hashVersion: try r.int("hashVersion") ?? 2, ranges: ranges)
    }
}
