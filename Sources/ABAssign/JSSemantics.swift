/// JavaScript's coercions over JSON values, as GrowthBook's JavaScript condition evaluator
/// applies them (`value + ""`, `value * 1`, `!!value`, `<`, `===`, `JSON.stringify`).
///
/// A missing attribute reads as `null`, as GrowthBook's `getPath` returns it.
enum JSSemantics {
    /// `String(value)`.
    static func toString(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): JSNumber.string(n)
        case .string(let s): s
        case .array(let elements):
            elements.map { element -> String in
                if case .null = element { return "" }
                return toString(element)
            }.joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// `Number(value)` (`value * 1`).
    static func toNumber(_ value: JSONValue) -> Double {
        switch value {
        case .null: 0
        case .bool(let b): b ? 1 : 0
        case .number(let n): n
        case .string(let s): JSNumber.number(from: s)
        case .array: JSNumber.number(from: toString(value))
        case .object: .nan
        }
    }

    /// `!!value`.
    static func truthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let b): b
        case .number(let n): !(n == 0 || n.isNaN)
        case .string(let s): !s.isEmpty
        case .array, .object: true
        }
    }

    /// Whether two strings are the same sequence of UTF-16 code units (JavaScript `===`).
    static func sameText(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    /// `a === b`: same type and value; arrays and objects are never equal, since
    /// GrowthBook's operands come from separate parses and JavaScript compares them by reference.
    static func strictEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): sameText(x, y)
        default: false
        }
    }

    /// `Array.prototype.includes`: SameValueZero, so NaN finds NaN and containers never match.
    static func sameValueZero(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b, x.isNaN, y.isNaN { return true }
        return strictEqual(a, b)
    }

    enum Primitive {
        case string(String)
        case number(Double)
    }

    /// The primitive JavaScript's relational operators see: arrays and objects become strings.
    static func toPrimitive(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array, .object: .string(toString(value))
        default: value
        }
    }

    /// The abstract relational comparison: -1, 0, 1, or `nil` when unordered (NaN involved).
    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int? {
        let pa = toPrimitive(a), pb = toPrimitive(b)
        if case .string(let x) = pa, case .string(let y) = pb {
            if x.utf16.elementsEqual(y.utf16) { return 0 }
            return x.utf16.lexicographicallyPrecedes(y.utf16) ? -1 : 1
        }
        let x = toNumber(pa), y = toNumber(pb)
        if x.isNaN || y.isNaN { return nil }
        return x < y ? -1 : (x > y ? 1 : 0)
    }

    /// `JSON.stringify(value)`, with JavaScript's property order: array-index keys first in
    /// ascending numeric order, then the other keys in insertion order.
    static func stringify(_ value: JSONValue) -> String {
        JSONWriter.string(jsOrdered(value))
    }

    private static func jsOrdered(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements): return .array(elements.map(jsOrdered))
        case .object(let object):
            let indexKeys = object.members.filter { arrayIndex($0.key) != nil }
                .sorted { arrayIndex($0.key)! < arrayIndex($1.key)! }
            let others = object.members.filter { arrayIndex($0.key) == nil }
            return .object(JSONObject((indexKeys + others).map { ($0.key, jsOrdered($0.value)) }))
        default: return value
        }
    }

    /// The index a canonical array-index key names ("0", "17"; not "01" or "-1").
    static func arrayIndex(_ key: String) -> UInt32? {
        guard !key.isEmpty, key.utf8.count <= 10, key.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            key == "0" || key.utf8.first != 0x30, let n = UInt64(key), n < UInt64(UInt32.max)
        else { return nil }
        return UInt32(n)
    }
}
