/// What GrowthBook knows about one variation besides its value: the key sticky buckets store,
/// a display name, and whether feature evaluation passes through to the next rule.
public struct VariationMeta: Sendable, Hashable {
    /// The variation key ("control", "one-hour"); `nil` reports the index as text.
    public var key: String?
    /// A display name.
    public var name: String?
    /// Whether a feature rule skips to the next rule for users given this variation.
    public var passthrough: Bool

    /// Creates variation metadata.
    public init(key: String? = nil, name: String? = nil, passthrough: Bool = false) {
        self.key = key
        self.name = name
        self.passthrough = passthrough
    }

    /// Reads `{"key", "name", "passthrough"}`.
    public init(json: JSONValue, at path: String) throws(GrowthBookPayloadError) {
        let r = try PayloadReader(json, at: path)
        self.init(key: try r.string("key"), name: try r.string("name"), passthrough: try r.bool("passthrough") ?? false)
    }
}
