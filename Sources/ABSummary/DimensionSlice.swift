/// A dimension slice: units whose attribute `name` equals `value`.
public struct DimensionSlice: Sendable, Equatable, Codable {
    /// The attribute.
    public var name: String
    /// Its value.
    public var value: String

    /// Creates a slice.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// What a slice appends to its metric's id: `[country=US]`.
    public var idSuffix: String { "[\(name)=\(value)]" }
}
