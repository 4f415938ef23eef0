/// A targeting condition in GrowthBook's MongoDB-style language, compiled once for evaluation.
///
/// Semantics follow GrowthBook's JavaScript SDK and its published `cases.json`: a missing
/// attribute reads as `null`; a string literal matches `String(value)`, a number literal
/// matches `Number(value)`; `$lt`/`$gt` compare two strings by UTF-16 code units and
/// anything else as numbers (so `"8"` is greater than `5` and a missing attribute compares as
/// 0); `$eq`/`$ne` are strict; literal arrays and objects compare by their JSON text.
/// Supported operators: `$eq $ne $lt $lte $gt $gte $in $nin $ini $nini $exists $regex
/// $regexi $not $elemMatch $size $all $alli $type`, and `$and $or $nor $not` on conditions.
/// An unknown operator never matches.
public struct TargetingCondition: Sendable {
    /// The condition as written.
    public let source: JSONValue
    let node: ConditionNode

    /// Compiles `condition`, which must be a JSON object.
    public init(_ condition: JSONValue) throws(TargetingConditionError) {
        guard case .object(let object) = condition else {
            throw TargetingConditionError(path: "", message: "expected an object, got \(condition.typeName)")
        }
        self.source = condition
        self.node = ConditionNode(object)
    }

    /// Whether `attributes` satisfy the condition.
    public func matches(_ attributes: JSONValue) -> Bool {
        node.evaluate(attributes)
    }

    /// Whether `attributes` satisfy the condition.
    public func matches(_ attributes: JSONObject) -> Bool {
        node.evaluate(.object(attributes))
    }
}

/// Why a targeting condition could not be compiled.
public struct TargetingConditionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the condition the problem is (dotted).
    public var path: String
    /// What was expected.
    public var message: String
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// One level of a condition: every entry must hold.
struct ConditionNode: Sendable {
    enum Entry: Sendable {
        case or([ConditionNode])
        case nor([ConditionNode])
        case and([ConditionNode])
        case not(ConditionNode)
        case never
        case path([String], ValueTest)
    }

    let entries: [Entry]

    init(_ object: JSONObject) {
        entries = object.members.map { member in
            switch member.key {
            case "$or": ConditionNode.list(member.value).map(Entry.or) ?? .never
            case "$nor": ConditionNode.list(member.value).map(Entry.nor) ?? .never
            case "$and": ConditionNode.list(member.value).map(Entry.and) ?? .never
            case "$not":
                if case .object(let inner) = member.value { .not(ConditionNode(inner)) } else { .never }
            default:
                .path(member.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                      ValueTest(member.value))
            }
        }
    }

    private static func list(_ value: JSONValue) -> [ConditionNode]? {
        guard case .array(let items) = value else { return nil }
        var nodes: [ConditionNode] = []
        for item in items {
            guard case .object(let object) = item else { return nil }
            nodes.append(ConditionNode(object))
        }
        return nodes
    }

    func evaluate(_ attributes: JSONValue) -> Bool {
        for entry in entries {
            switch entry {
            case .or(let nodes):
                if !nodes.isEmpty, !nodes.contains(where: { $0.evaluate(attributes) }) { return false }
            case .nor(let nodes):
                if !nodes.isEmpty, nodes.contains(where: { $0.evaluate(attributes) }) { return false }
            case .and(let nodes):
                if !nodes.allSatisfy({ $0.evaluate(attributes) }) { return false }
            case .not(let node):
                if node.evaluate(attributes) { return false }
            case .never:
                return false
            case .path(let path, let test):
                if !test.evaluate(ConditionNode.value(at: path, in: attributes)) { return false }
            }
        }
        return true
    }

    /// The value at a dotted path; `null` when any step is missing, as in GrowthBook.
    static func value(at path: [String], in root: JSONValue) -> JSONValue {
        var current = root
        for part in path {
            switch current {
            case .object(let object):
                guard let next = object[part] else { return .null }
                current = next
            case .array(let elements):
                if part == "length" {
                    current = .number(Double(elements.count))
                } else if let i = JSSemantics.arrayIndex(part), Int(i) < elements.count {
                    current = elements[Int(i)]
                } else {
                    return .null
                }
            default:
                return .null
            }
        }
        return current
    }
}

/// A test of one attribute value: a literal or an operator object.
struct ValueTest: Sendable {
    enum Kind: Sendable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case json(String)
        case operators([Operator])
    }

    indirect enum Operator: Sendable {
        case eq(JSONValue), ne(JSONValue)
        case lt(JSONValue), lte(JSONValue), gt(JSONValue), gte(JSONValue)
        case exists(Bool)
        case `in`([JSONValue]?, insensitive: Bool), nin([JSONValue]?, insensitive: Bool)
        case not(ValueTest)
        case size(ValueTest)
        case elemMatchValue(ValueTest)
        case elemMatchCondition(ConditionNode)
        case all([ValueTest]?, insensitive: Bool)
        case regex(CompiledRegex?)
        case type(JSONValue)
        case unknown
    }

    let kind: Kind
    let insensitive: Bool

    init(_ condition: JSONValue, insensitive: Bool = false) {
        self.insensitive = insensitive
        switch condition {
        case .string(let s): kind = .string(s)
        case .number(let n): kind = .number(n)
        case .bool(let b): kind = .bool(b)
        case .null: kind = .null
        case .array: kind = .json(JSSemantics.stringify(condition))
        case .object(let object):
            if ValueTest.isOperatorObject(object) {
                kind = .operators(object.members.map { ValueTest.compile($0.key, $0.value) })
            } else {
                kind = .json(JSSemantics.stringify(condition))
            }
        }
    }

    static func isOperatorObject(_ object: JSONObject) -> Bool {
        !object.isEmpty && object.members.allSatisfy { $0.key.hasPrefix("$") }
    }

    private static func compile(_ op: String, _ expected: JSONValue) -> Operator {
        switch op {
        case "$eq": return .eq(expected)
        case "$ne": return .ne(expected)
        case "$lt": return .lt(expected)
        case "$lte": return .lte(expected)
        case "$gt": return .gt(expected)
        case "$gte": return .gte(expected)
        case "$exists": return .exists(JSSemantics.truthy(expected))
        case "$in": return .in(expected.arrayValue, insensitive: false)
        case "$ini": return .in(expected.arrayValue, insensitive: true)
        case "$nin": return .nin(expected.arrayValue, insensitive: false)
        case "$nini": return .nin(expected.arrayValue, insensitive: true)
        case "$not": return .not(ValueTest(expected))
        case "$size": return .size(ValueTest(expected))
        case "$elemMatch":
            if case .object(let object) = expected, !isOperatorObject(object) {
                return .elemMatchCondition(ConditionNode(object))
            }
            return .elemMatchValue(ValueTest(expected))
        case "$all": return .all(expected.arrayValue?.map { ValueTest($0) }, insensitive: false)
        case "$alli": return .all(expected.arrayValue?.map { ValueTest($0, insensitive: true) }, insensitive: true)
        case "$regex": return .regex(expected.stringValue.flatMap { CompiledRegex($0, caseInsensitive: false) })
        case "$regexi": return .regex(expected.stringValue.flatMap { CompiledRegex($0, caseInsensitive: true) })
        case "$type": return .type(expected)
        default: return .unknown
        }
    }

    func evaluate(_ value: JSONValue) -> Bool {
        switch kind {
        case .string(let s):
            if insensitive { return JSSemantics.toString(value).lowercased() == s.lowercased() }
            return JSSemantics.sameText(JSSemantics.toString(value), s)
        case .number(let n): return JSSemantics.toNumber(value) == n
        case .bool(let b):
            if case .null = value { return false }
            return JSSemantics.truthy(value) == b
        case .null:
            if case .null = value { return true }
            return false
        case .json(let text): return JSSemantics.stringify(value) == text
        case .operators(let ops):
            return ops.allSatisfy { ValueTest.apply($0, to: value) }
        }
    }

    private static func apply(_ op: Operator, to actual: JSONValue) -> Bool {
        switch op {
        case .eq(let e): return JSSemantics.strictEqual(actual, e)
        case .ne(let e): return !JSSemantics.strictEqual(actual, e)
        case .lt(let e): return JSSemantics.compare(actual, e).map { $0 < 0 } ?? false
        case .lte(let e): return JSSemantics.compare(actual, e).map { $0 <= 0 } ?? false
        case .gt(let e): return JSSemantics.compare(actual, e).map { $0 > 0 } ?? false
        case .gte(let e): return JSSemantics.compare(actual, e).map { $0 >= 0 } ?? false
        case .exists(let shouldExist):
            if case .null = actual { return !shouldExist }
            return shouldExist
        case .in(let list, let insensitive):
            guard let list else { return false }
            return isIn(actual, list, insensitive: insensitive)
        case .nin(let list, let insensitive):
            guard let list else { return false }
            return !isIn(actual, list, insensitive: insensitive)
        case .not(let test): return !test.evaluate(actual)
        case .size(let test):
            guard case .array(let elements) = actual else { return false }
            return test.evaluate(.number(Double(elements.count)))
        case .elemMatchValue(let test):
            guard case .array(let elements) = actual else { return false }
            return elements.contains { JSSemantics.truthy($0) && test.evaluate($0) }
        case .elemMatchCondition(let node):
            guard case .array(let elements) = actual else { return false }
            return elements.contains { JSSemantics.truthy($0) && node.evaluate($0) }
        case .all(let tests, _):
            guard let tests, case .array(let elements) = actual else { return false }
            return tests.allSatisfy { test in elements.contains { test.evaluate($0) } }
        case .regex(let regex):
            guard let regex else { return false }
            return regex.test(JSSemantics.toString(actual))
        case .type(let expected):
            guard case .string(let name) = expected else { return false }
            return actual.typeName == name
        case .unknown:
            return false
        }
    }

    private static func isIn(_ actual: JSONValue, _ list: [JSONValue], insensitive: Bool) -> Bool {
        let fold: (JSONValue) -> JSONValue = { value in
            if insensitive, case .string(let s) = value { return .string(s.lowercased()) }
            return value
        }
        if case .array(let elements) = actual {
            return elements.contains { element in
                list.contains { insensitive ? JSSemantics.strictEqual(fold(element), fold($0)) : JSSemantics.sameValueZero($0, element) }
            }
        }
        return list.contains { insensitive ? JSSemantics.strictEqual(fold(actual), fold($0)) : JSSemantics.sameValueZero($0, actual) }
    }
}
