/// An ordered JSON object with string keys, such as `{"immediate": 4012, "one-hour": 3877}`.
///
/// Swift dictionaries have no order, and a report should list variants in the order of the
/// experiment; this keeps them in insertion order when encoded.
public struct KeyedValues<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The entries in order.
    public var entries: [(key: String, value: Value)]

    /// Creates the object from ordered entries.
    public init(_ entries: [(key: String, value: Value)]) { self.entries = entries }

    /// The value for `key`, if any.
    public subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }

    public static func == (lhs: KeyedValues, rhs: KeyedValues) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in entries { try container.encode(value, forKey: Key(stringValue: key)) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        entries = try container.allKeys.map { ($0.stringValue, try container.decode(Value.self, forKey: $0)) }
    }
}
