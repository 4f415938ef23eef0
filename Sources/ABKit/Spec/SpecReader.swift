import ABAssign
import Foundation

/// Reads an experiment file's JSON while collecting every problem with its JSON path.
final class SpecReader {
    private(set) var problems: [SpecProblem] = []

    func fail(_ path: String, _ message: String) {
        problems.append(SpecProblem(path: path, message: message))
    }

    func expected(_ path: String, _ what: String, got value: JSONValue?) {
        fail(path, "expected \(what), got \(Self.describe(value))")
    }

    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "nothing (the field is missing)" }
        // Whole numbers in full: JavaScript's shortest form writes 2^62 as 4611686018427388000,
        // which is not the number the user wrote.
        if case .number(let n) = value, n == n.rounded(), abs(n) >= 1e15, abs(n) < 1e21 {
            return NumberText.exact(n)
        }
        let text = JSONWriter.string(value)
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The object at `path`; reports unknown keys when `allowed` is given.
    func object(_ value: JSONValue?, _ path: String, required: Bool = true, allowed: [String]? = nil) -> JSONObject? {
        guard let value else {
            if required { expected(path, "an object", got: nil) }
            return nil
        }
        guard case .object(let object) = value else {
            expected(path, "an object", got: value)
            return nil
        }
        if let allowed {
            for key in object.keys where !allowed.contains(key) {
                fail(Self.join(path, key), "unknown field; expected one of \(allowed.joined(separator: ", "))")
            }
        }
        return object
    }

    func array(_ object: JSONObject, _ key: String, _ path: String, required: Bool = false) -> [JSONValue]? {
        let p = Self.join(path, key)
        guard let value = object[key] else {
            if required { expected(p, "an array", got: nil) }
            return nil
        }
        guard case .array(let items) = value else {
            expected(p, "an array", got: value)
            return nil
        }
        return items
    }

    func string(_ object: JSONObject, _ key: String, _ path: String, required: Bool = false,
                oneOf choices: [String]? = nil) -> String? {
        let p = Self.join(path, key)
        guard let value = object[key] else {
            if required { expected(p, choices.map { "one of \($0.joined(separator: ", "))" } ?? "a string", got: nil) }
            return nil
        }
        guard case .string(let s) = value, !s.isEmpty else {
            expected(p, choices.map { "one of \($0.joined(separator: ", "))" } ?? "a non-empty string", got: value)
            return nil
        }
        if let choices, !choices.contains(s) {
            expected(p, "one of \(choices.joined(separator: ", "))", got: value)
            return nil
        }
        return s
    }

    package func number(_ object: JSONObject, _ key: String, _ path: String, required: Bool = false,
                in range: ClosedRange<Double>? = nil, openLower: Bool = false, openUpper: Bool = false) -> Double? {
        let p = Self.join(path, key)
        let what: String = {
            guard let range else { return "a number" }
            return "a number in \(openLower ? "(" : "[")\(JSNumber.string(range.lowerBound)), \(JSNumber.string(range.upperBound))\(openUpper ? ")" : "]")"
        }()
        guard let value = object[key] else {
            if required { expected(p, what, got: nil) }
            return nil
        }
        guard case .number(let n) = value else {
            expected(p, what, got: value)
            return nil
        }
        if let range {
            let belowLower = openLower ? n <= range.lowerBound : n < range.lowerBound
            let aboveUpper = openUpper ? n >= range.upperBound : n > range.upperBound
            if belowLower || aboveUpper {
                expected(p, what, got: value)
                return nil
            }
        }
        return n
    }

    func integer(_ object: JSONObject, _ key: String, _ path: String, required: Bool = false, minimum: Int = 0) -> Int? {
        let p = Self.join(path, key)
        guard let value = object[key] else {
            if required { expected(p, "an integer >= \(minimum)", got: nil) }
            return nil
        }
        guard case .number(let n) = value, n == n.rounded(), n >= Double(minimum), n < 1e15 else {
            expected(p, "an integer >= \(minimum)", got: value)
            return nil
        }
        return Int(n)
    }

    /// A whole number in `range`; `what` describes the range in the message.
    func integer(_ object: JSONObject, _ key: String, _ path: String, in range: ClosedRange<Int>, what: String) -> Int? {
        let p = Self.join(path, key)
        guard let value = object[key] else { return nil }
        // Compared as Doubles before converting: Int(_:) traps beyond Int.max.
        guard case .number(let n) = value, n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            expected(p, what, got: value)
            return nil
        }
        return Int(n)
    }

    func bool(_ object: JSONObject, _ key: String, _ path: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let b) = value else {
            expected(Self.join(path, key), "true or false", got: value)
            return nil
        }
        return b
    }

    func duration(_ object: JSONObject, _ key: String, _ path: String, required: Bool = false) -> ISODuration? {
        let p = Self.join(path, key)
        guard let value = object[key] else {
            if required { expected(p, "an ISO 8601 duration such as \"P7D\" or \"PT1H\"", got: nil) }
            return nil
        }
        guard case .string(let text) = value, let duration = ISODuration(text) else {
            expected(p, "an ISO 8601 duration such as \"P7D\" or \"PT1H\"", got: value)
            return nil
        }
        // Bounded where it enters: windows become Int64 milliseconds added to event times.
        guard duration.seconds <= Double(Self.maximumDays) * 86_400 else {
            expected(p, "a duration of at most \(Self.maximumDays) days (P\(Self.maximumDays)D)", got: value)
            return nil
        }
        return duration
    }

    /// The longest window or duration, and the latest retention day, an experiment file may
    /// name (about 270 years): in milliseconds it stays far inside Int64 beside any event time.
    static let maximumDays = 100_000

    func strings(_ object: JSONObject, _ key: String, _ path: String, required: Bool = false, minimumCount: Int = 0) -> [String]? {
        let p = Self.join(path, key)
        guard let items = array(object, key, path, required: required) else { return nil }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item, !s.isEmpty else {
                expected("\(p)[\(i)]", "a non-empty string", got: item)
                continue
            }
            result.append(s)
        }
        if items.count < minimumCount {
            fail(p, "expected at least \(minimumCount) entries, got \(items.count)")
            return nil
        }
        return result
    }

    /// An IANA time zone name (or, when `allowUser`, "user" for the user's own zone); unknown
    /// names are errors, since a send time in "Mars/Olympus" cannot be computed.
    func timeZone(_ object: JSONObject, _ key: String, _ path: String, allowUser: Bool) -> String? {
        guard let name = string(object, key, path) else { return nil }
        if allowUser, name == "user" { return name }
        guard TimeZoneName.isValid(name) else {
            fail(Self.join(path, key), UnknownTimeZoneError(name: name).description + (allowUser ? ", or \"user\"" : ""))
            return nil
        }
        return name
    }

    /// A bucket range `[start, end]` with 0 <= start <= end <= 1.
    func range(_ value: JSONValue, at path: String) -> [Double]? {
        if case .array(let items) = value, items.count == 2, let start = items[0].numberValue, let end = items[1].numberValue,
            start >= 0, start <= end, end <= 1 {
            return [start, end]
        }
        expected(path, "[start, end] with 0 <= start <= end <= 1", got: value)
        return nil
    }
}
