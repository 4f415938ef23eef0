/// A targeting condition in GrowthBook's MongoDB-style language, compiled once for evaluation.
///
/// Semantics follow GrowthBook's JavaScript SDK and its published `cases.json`: a missing
/// attribute reads as `null`; a string literal matches `String(value)`, a number literal
/// matches `Number(value)`; `$lt`/`$gt` compare two strings by UTF-16 code units and
/// anything else as numbers (so `"8"` is greater than `5` and a missing attribute compares as
/// 0); `$eq`/`$ne` are strict; literal arrays and objects compare by their JSON text.
/// Supported operators: `$eq $ne $lt $lte $gt $gte $in $nin $ini $nini $exists $regex
/// $regexi $notRegex $notRegexi $not $elemMatch $size $all $alli $type`, the version operators
/// `$veq $vne $vlt $vlte $vgt $vgte` (see ``VersionString``), the saved-group operators
/// `$inGroup $notInGroup` (groups given to ``matches(_:savedGroups:)``), and `$and $or $nor $not
/// $savedGroup` on conditions.
///
/// ``init(_:)`` compiles as GrowthBook evaluates: an unknown operator, an invalid regular
/// expression or an operand of the wrong type never matches. ``init(validating:)`` and
/// ``problems(in:)`` report those as errors with the JSON path of each, for tools that check
/// conditions before they ship.
public struct TargetingCondition: Sendable {
    /// The condition as written.
    public let source: JSONValue
    let node: ConditionNode

    /// Compiles `condition`, which must be a JSON object, with GrowthBook's run-time leniency:
    /// parts GrowthBook cannot evaluate (unknown operators, invalid patterns, wrong operand
    /// types) never match.
    public init(_ condition: JSONValue) throws(TargetingConditionError) {
        var compiler = ConditionCompiler()
        self = try TargetingCondition(condition, compiler: &compiler)
    }

    /// Compiles `condition` and fails on the first part GrowthBook could not evaluate: an
    /// unknown operator, an invalid regular expression or an operand of the wrong type.
    public init(validating condition: JSONValue) throws(TargetingConditionError) {
        var compiler = ConditionCompiler()
        self = try TargetingCondition(condition, compiler: &compiler)
        if let first = compiler.issues.first { throw first }
    }

    /// Every part of `condition` GrowthBook could not evaluate, in document order (empty when
    /// the condition is sound).
    public static func problems(in condition: JSONValue) -> [TargetingConditionError] {
        var compiler = ConditionCompiler()
        do { _ = try TargetingCondition(condition, compiler: &compiler) } catch { return [error] }
        return compiler.issues
    }

    private init(_ condition: JSONValue, compiler: inout ConditionCompiler) throws(TargetingConditionError) {
        guard case .object(let object) = condition else {
            throw TargetingConditionError(kind: .notAnObject, path: "", message: "expected an object, got \(condition.typeName)")
        }
        self.source = condition
        self.node = ConditionNode(object, at: "", &compiler)
    }

    /// Whether `attributes` satisfy the condition; `$inGroup` finds no groups.
    public func matches(_ attributes: JSONValue) -> Bool {
        node.evaluate(attributes, SavedGroups.none)
    }

    /// Whether `attributes` satisfy the condition; `$inGroup` finds no groups.
    public func matches(_ attributes: JSONObject) -> Bool {
        node.evaluate(.object(attributes), SavedGroups.none)
    }

    /// Whether `attributes` satisfy the condition, with `savedGroups` for `$inGroup` and
    /// `$notInGroup` (a group that is not in the map is empty).
    public func matches(_ attributes: JSONValue, savedGroups: SavedGroups) -> Bool {
        node.evaluate(attributes, savedGroups)
    }

    /// Whether `attributes` satisfy the condition, with `savedGroups` for `$inGroup` and
    /// `$notInGroup` (a group that is not in the map is empty).
    public func matches(_ attributes: JSONObject, savedGroups: SavedGroups) -> Bool {
        node.evaluate(.object(attributes), savedGroups)
    }
}

/// Why a targeting condition could not be compiled, or which part of it GrowthBook could not
/// evaluate.
public struct TargetingConditionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The condition (or a `$not`/`$or`/`$and`/`$nor` member) is not an object.
        case notAnObject = "not-an-object"
        /// A `$`-key that is not one of GrowthBook's operators.
        case unknownOperator = "unknown-operator"
        /// A `$regex`-family pattern that does not compile.
        case invalidRegex = "invalid-regex"
        /// An operator's operand of a type GrowthBook does not accept there.
        case wrongOperandType = "wrong-operand-type"
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// Where in the condition the problem is: keys joined by dots, array positions as `[i]`
    /// (`$or[1].version.$vgt`); empty for the whole condition.
    public var path: String
    /// What was expected.
    public var message: String
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    /// Creates an error.
    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }
}

/// Collects what GrowthBook could not evaluate while a condition compiles.
struct ConditionCompiler {
    var issues: [TargetingConditionError] = []

    mutating func report(_ kind: TargetingConditionError.Kind, _ path: String, _ message: String) {
        issues.append(TargetingConditionError(kind: kind, path: path, message: message))
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
}

/// One level of a condition: every entry must hold.
struct ConditionNode: Sendable {
    enum Entry: Sendable {
        case or([ConditionNode])
        case nor([ConditionNode])
        case and([ConditionNode])
        case not(ConditionNode)
        case never
        case savedGroup(String, attributeKey: String?)
        case path([String], ValueTest)
    }

    let entries: [Entry]

    init(_ object: JSONObject, at path: String, _ compiler: inout ConditionCompiler) {
        entries = object.members.map { member in
            let here = ConditionCompiler.join(path, member.key)
            switch member.key {
            case "$or": return ConditionNode.list(member.value, at: here, &compiler).map(Entry.or) ?? .never
            case "$nor": return ConditionNode.list(member.value, at: here, &compiler).map(Entry.nor) ?? .never
            case "$and": return ConditionNode.list(member.value, at: here, &compiler).map(Entry.and) ?? .never
            case "$not":
                if case .object(let inner) = member.value { return .not(ConditionNode(inner, at: here, &compiler)) }
                compiler.report(.notAnObject, here, "expected a condition object, got \(member.value.typeName)")
                return .never
            case "$savedGroup":
                guard let id = member.value["id"]?.stringValue else {
                    compiler.report(.wrongOperandType, here, "expected a saved group reference {\"id\": string, \"attributeKey\"?: string}, got \(JSONWriter.string(member.value))")
                    return .never
                }
                let key = member.value["attributeKey"]
                if let key, key.stringValue == nil {
                    compiler.report(.wrongOperandType, ConditionCompiler.join(here, "attributeKey"), "expected an attribute name, got \(key.typeName)")
                    return .never
                }
                return .savedGroup(id, attributeKey: key?.stringValue)
            case "$savedGroups":
                // A key GrowthBook reserves and never matches.
                compiler.report(.unknownOperator, here, "$savedGroups is not an operator; use $savedGroup")
                return .never
            default:
                // GrowthBook reads any other key as an attribute path, so "$groups" is an attribute.
                return .path(member.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                             ValueTest(member.value, at: here, &compiler))
            }
        }
    }

    private static func list(_ value: JSONValue, at path: String, _ compiler: inout ConditionCompiler) -> [ConditionNode]? {
        guard case .array(let items) = value else {
            compiler.report(.wrongOperandType, path, "expected an array of condition objects, got \(value.typeName)")
            return nil
        }
        var nodes: [ConditionNode] = []
        for (i, item) in items.enumerated() {
            guard case .object(let object) = item else {
                compiler.report(.notAnObject, "\(path)[\(i)]", "expected a condition object, got \(item.typeName)")
                return nil
            }
            nodes.append(ConditionNode(object, at: "\(path)[\(i)]", &compiler))
        }
        return nodes
    }

    func evaluate(_ attributes: JSONValue, _ groups: SavedGroups) -> Bool {
        for entry in entries {
            switch entry {
            case .or(let nodes):
                if !nodes.isEmpty, !nodes.contains(where: { $0.evaluate(attributes, groups) }) { return false }
            case .nor(let nodes):
                if !nodes.isEmpty, nodes.contains(where: { $0.evaluate(attributes, groups) }) { return false }
            case .and(let nodes):
                if !nodes.allSatisfy({ $0.evaluate(attributes, groups) }) { return false }
            case .not(let node):
                if node.evaluate(attributes, groups) { return false }
            case .never:
                return false
            case .savedGroup(let id, let key):
                if !groups.matches(group: id, attributeKey: key, attributes) { return false }
            case .path(let path, let test):
                if !test.evaluate(ConditionNode.value(at: path, in: attributes), groups) { return false }
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
        case version(VersionComparison, String)
        case exists(Bool)
        case `in`([JSONValue]?, insensitive: Bool), nin([JSONValue]?, insensitive: Bool)
        case inGroup(String?, negated: Bool)
        case not(ValueTest)
        case size(ValueTest)
        case elemMatchValue(ValueTest)
        case elemMatchCondition(ConditionNode)
        case all([ValueTest]?, insensitive: Bool)
        case regex(CompiledRegex?, negated: Bool)
        case type(JSONValue)
        case unknown
    }

    /// The six version comparisons, on padded version strings.
    enum VersionComparison: Sendable {
        case eq, ne, lt, lte, gt, gte
    }

    let kind: Kind
    let insensitive: Bool

    init(_ condition: JSONValue, insensitive: Bool = false, at path: String, _ compiler: inout ConditionCompiler) {
        self.insensitive = insensitive
        switch condition {
        case .string(let s): kind = .string(s)
        case .number(let n): kind = .number(n)
        case .bool(let b): kind = .bool(b)
        case .null: kind = .null
        case .array: kind = .json(JSSemantics.stringify(condition))
        case .object(let object):
            if ValueTest.isOperatorObject(object) {
                kind = .operators(object.members.map {
                    ValueTest.compile($0.key, $0.value, at: ConditionCompiler.join(path, $0.key), &compiler)
                })
            } else {
                kind = .json(JSSemantics.stringify(condition))
            }
        }
    }

    static func isOperatorObject(_ object: JSONObject) -> Bool {
        !object.isEmpty && object.members.allSatisfy { $0.key.hasPrefix("$") }
    }

    private static func compile(_ op: String, _ expected: JSONValue, at path: String, _ compiler: inout ConditionCompiler) -> Operator {
        func array(_ insensitive: Bool = false) -> [JSONValue]? {
            if let list = expected.arrayValue { return list }
            compiler.report(.wrongOperandType, path, "\(op) expects an array, got \(expected.typeName)")
            return nil
        }
        func regex(caseInsensitive: Bool, negated: Bool) -> Operator {
            guard let pattern = expected.stringValue else {
                compiler.report(.wrongOperandType, path, "\(op) expects a pattern string, got \(expected.typeName)")
                // GrowthBook's $notRegex matches whatever it cannot test.
                return .regex(nil, negated: negated)
            }
            let compiled = CompiledRegex(pattern, caseInsensitive: caseInsensitive)
            if compiled == nil { compiler.report(.invalidRegex, path, "\(op) pattern \"\(pattern)\" is not a valid regular expression") }
            return .regex(compiled, negated: negated)
        }
        func version(_ comparison: VersionComparison) -> Operator {
            switch expected {
            case .string, .number: break
            case .null, .bool, .array, .object:
                compiler.report(.wrongOperandType, path, "\(op) expects a version string, got \(expected.typeName)")
            }
            return .version(comparison, VersionString.padded(expected))
        }
        switch op {
        case "$eq": return .eq(expected)
        case "$ne": return .ne(expected)
        case "$lt": return .lt(expected)
        case "$lte": return .lte(expected)
        case "$gt": return .gt(expected)
        case "$gte": return .gte(expected)
        case "$veq": return version(.eq)
        case "$vne": return version(.ne)
        case "$vlt": return version(.lt)
        case "$vlte": return version(.lte)
        case "$vgt": return version(.gt)
        case "$vgte": return version(.gte)
        case "$exists": return .exists(JSSemantics.truthy(expected))
        case "$in": return .in(array(), insensitive: false)
        case "$ini": return .in(array(), insensitive: true)
        case "$nin": return .nin(array(), insensitive: false)
        case "$nini": return .nin(array(), insensitive: true)
        case "$inGroup", "$notInGroup":
            if expected.stringValue == nil {
                compiler.report(.wrongOperandType, path, "\(op) expects a saved group id string, got \(expected.typeName)")
            }
            return .inGroup(expected.stringValue, negated: op == "$notInGroup")
        case "$not": return .not(ValueTest(expected, at: path, &compiler))
        case "$size":
            let lengthTest: Bool
            switch expected {
            case .number: lengthTest = true
            case .object(let object): lengthTest = isOperatorObject(object)
            case .null, .bool, .string, .array: lengthTest = false
            }
            if !lengthTest {
                // A literal other than a number can never equal a length.
                compiler.report(.wrongOperandType, path, "$size expects a number or an operator object, got \(expected.typeName)")
            }
            return .size(ValueTest(expected, at: path, &compiler))
        case "$elemMatch":
            guard case .object(let object) = expected else {
                compiler.report(.wrongOperandType, path, "$elemMatch expects an object, got \(expected.typeName)")
                return .elemMatchValue(ValueTest(expected, at: path, &compiler))
            }
            // A `$savedGroup` reference tests each element's fields, as in GrowthBook's SDKs that
            // have it; other operator objects test the element itself.
            if !isOperatorObject(object) || object["$savedGroup"] != nil {
                return .elemMatchCondition(ConditionNode(object, at: path, &compiler))
            }
            return .elemMatchValue(ValueTest(expected, at: path, &compiler))
        case "$all":
            return .all(array()?.enumerated().map { ValueTest($1, at: "\(path)[\($0)]", &compiler) }, insensitive: false)
        case "$alli":
            return .all(array()?.enumerated().map { ValueTest($1, insensitive: true, at: "\(path)[\($0)]", &compiler) }, insensitive: true)
        case "$regex": return regex(caseInsensitive: false, negated: false)
        case "$regexi": return regex(caseInsensitive: true, negated: false)
        case "$notRegex": return regex(caseInsensitive: false, negated: true)
        case "$notRegexi": return regex(caseInsensitive: true, negated: true)
        case "$type":
            if let name = expected.stringValue {
                if !typeNames.contains(name) {
                    compiler.report(.wrongOperandType, path, "$type expects one of \(typeNames.sorted().joined(separator: ", ")), got \"\(name)\"")
                }
            } else {
                compiler.report(.wrongOperandType, path, "$type expects a type name string, got \(expected.typeName)")
            }
            return .type(expected)
        default:
            compiler.report(.unknownOperator, path, "unknown operator \(op)")
            return .unknown
        }
    }

    /// The names `$type` can match.
    static let typeNames: Set<String> = ["null", "boolean", "number", "string", "array", "object"]

    func evaluate(_ value: JSONValue, _ groups: SavedGroups) -> Bool {
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
            return ops.allSatisfy { ValueTest.apply($0, to: value, groups) }
        }
    }

    private static func apply(_ op: Operator, to actual: JSONValue, _ groups: SavedGroups) -> Bool {
        switch op {
        case .eq(let e): return JSSemantics.strictEqual(actual, e)
        case .ne(let e): return !JSSemantics.strictEqual(actual, e)
        case .lt(let e): return JSSemantics.compare(actual, e).map { $0 < 0 } ?? false
        case .lte(let e): return JSSemantics.compare(actual, e).map { $0 <= 0 } ?? false
        case .gt(let e): return JSSemantics.compare(actual, e).map { $0 > 0 } ?? false
        case .gte(let e): return JSSemantics.compare(actual, e).map { $0 >= 0 } ?? false
        case .version(let comparison, let expected):
            let padded = VersionString.padded(actual)
            // Padded strings are compared as JavaScript compares strings: by UTF-16 code units.
            let order = JSSemantics.compare(.string(padded), .string(expected)) ?? 0
            switch comparison {
            case .eq: return order == 0
            case .ne: return order != 0
            case .lt: return order < 0
            case .lte: return order <= 0
            case .gt: return order > 0
            case .gte: return order >= 0
            }
        case .exists(let shouldExist):
            if case .null = actual { return !shouldExist }
            return shouldExist
        case .in(let list, let insensitive):
            guard let list else { return false }
            return isIn(actual, list, insensitive: insensitive)
        case .nin(let list, let insensitive):
            guard let list else { return false }
            return !isIn(actual, list, insensitive: insensitive)
        case .inGroup(let id, let negated):
            // A group that is not a list fails both ways, as in GrowthBook.
            guard let id, let values = groups.values(of: id) else { return false }
            let found = isIn(actual, values, insensitive: false)
            return negated ? !found : found
        case .not(let test): return !test.evaluate(actual, groups)
        case .size(let test):
            guard case .array(let elements) = actual else { return false }
            return test.evaluate(.number(Double(elements.count)), groups)
        case .elemMatchValue(let test):
            guard case .array(let elements) = actual else { return false }
            return elements.contains { JSSemantics.truthy($0) && test.evaluate($0, groups) }
        case .elemMatchCondition(let node):
            guard case .array(let elements) = actual else { return false }
            return elements.contains { JSSemantics.truthy($0) && node.evaluate($0, groups) }
        case .all(let tests, _):
            guard let tests, case .array(let elements) = actual else { return false }
            return tests.allSatisfy { test in elements.contains { test.evaluate($0, groups) } }
        case .regex(let regex, let negated):
            guard let regex else { return negated }
            let found = regex.test(JSSemantics.toString(actual))
            return negated ? !found : found
        case .type(let expected):
            guard case .string(let name) = expected else { return false }
            return actual.typeName == name
        case .unknown:
            return false
        }
    }

    static func isIn(_ actual: JSONValue, _ list: [JSONValue], insensitive: Bool) -> Bool {
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

extension TargetingCondition {
    /// The top-level attribute names the condition can read, or nil when it may read any (it
    /// uses a saved group). Lets a reader of many lines keep only these.
    public var attributeNames: Set<String>? { node.topLevelNames() }
}

extension ConditionNode {
    /// The first step of every path the node reads; nil when it may read any attribute.
    func topLevelNames() -> Set<String>? {
        var names = Set<String>()
        func add(_ nodes: [ConditionNode]) -> Bool {
            for node in nodes {
                guard let inner = node.topLevelNames() else { return false }
                names.formUnion(inner)
            }
            return true
        }
        for entry in entries {
            switch entry {
            case .or(let nodes), .nor(let nodes), .and(let nodes):
                guard add(nodes) else { return nil }
            case .not(let node):
                guard add([node]) else { return nil }
            case .never:
                break
            case .savedGroup:
                // A saved group may be a list read through a key, or a whole condition of its
                // own (which ignores the key); which one is known only with the groups at hand.
                return nil
            case .path(let path, _):
                guard let first = path.first else { return nil }
                names.insert(first)
            }
        }
        return names
    }
}
