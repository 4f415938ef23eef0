/// Typed reads of GrowthBook payload members, with the path of each member for errors. A
/// member that is absent or `null` reads as `nil`, as GrowthBook's SDKs treat it.
struct PayloadReader {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, at path: String) throws(GrowthBookPayloadError) {
        guard case .object(let object) = value else { throw GrowthBookPayloadError(path: path, expected: "an object", got: value) }
        self.object = object
        self.path = path
    }

    func at(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func value(_ key: String) -> JSONValue? {
        guard let value = object[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    func string(_ key: String) throws(GrowthBookPayloadError) -> String? {
        guard let value = value(key) else { return nil }
        guard let s = value.stringValue else { throw GrowthBookPayloadError(path: at(key), expected: "a string", got: value) }
        return s
    }

    func number(_ key: String) throws(GrowthBookPayloadError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let n = value.numberValue else { throw GrowthBookPayloadError(path: at(key), expected: "a number", got: value) }
        return n
    }

    func int(_ key: String) throws(GrowthBookPayloadError) -> Int? {
        guard let n = try number(key) else { return nil }
        guard n.rounded() == n, abs(n) < 1e15 else {
            throw GrowthBookPayloadError(path: at(key), expected: "an integer", got: JSNumber.string(n))
        }
        return Int(n)
    }

    func bool(_ key: String) throws(GrowthBookPayloadError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let b) = value else { throw GrowthBookPayloadError(path: at(key), expected: "true or false", got: value) }
        return b
    }

    func array(_ key: String) throws(GrowthBookPayloadError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard let a = value.arrayValue else { throw GrowthBookPayloadError(path: at(key), expected: "an array", got: value) }
        return a
    }

    func numbers(_ key: String) throws(GrowthBookPayloadError) -> [Double]? {
        guard let items = try array(key) else { return nil }
        var out: [Double] = []
        for (i, item) in items.enumerated() {
            guard let n = item.numberValue else { throw GrowthBookPayloadError(path: "\(at(key))[\(i)]", expected: "a number", got: item) }
            out.append(n)
        }
        return out
    }

    /// A `[start, end]` pair.
    static func range(_ value: JSONValue, at path: String) throws(GrowthBookPayloadError) -> BucketRange {
        guard let pair = value.arrayValue, pair.count == 2, let start = pair[0].numberValue, let end = pair[1].numberValue else {
            throw GrowthBookPayloadError(path: path, expected: "a range [start, end] of two numbers", got: value)
        }
        return BucketRange(start: start, end: end)
    }

    func range(_ key: String) throws(GrowthBookPayloadError) -> BucketRange? {
        guard let value = value(key) else { return nil }
        return try Self.range(value, at: at(key))
    }

    func ranges(_ key: String) throws(GrowthBookPayloadError) -> [BucketRange]? {
        guard let items = try array(key) else { return nil }
        var out: [BucketRange] = []
        for (i, item) in items.enumerated() { out.append(try Self.range(item, at: "\(at(key))[\(i)]")) }
        return out
    }

    func condition(_ key: String) throws(GrowthBookPayloadError) -> TargetingCondition? {
        guard let value = value(key) else { return nil }
        // An empty condition is falsy-free in GrowthBook too: `{}` matches everyone.
        do { return try TargetingCondition(value) } catch {
            throw GrowthBookPayloadError(path: at(key) + (error.path.isEmpty ? "" : "." + error.path), expected: "a condition object", got: value)
        }
    }

    /// A `[id, start, end]` namespace.
    func namespace(_ key: String) throws(GrowthBookPayloadError) -> Namespace? {
        guard let value = value(key) else { return nil }
        guard let triple = value.arrayValue, triple.count == 3, let id = triple[0].stringValue,
            let start = triple[1].numberValue, let end = triple[2].numberValue
        else { throw GrowthBookPayloadError(path: at(key), expected: "a namespace [id, start, end]", got: value) }
        return Namespace(id: id, start: start, end: end)
    }

    func filters(_ key: String) throws(GrowthBookPayloadError) -> [HashFilter] {
        guard let items = try array(key) else { return [] }
        var out: [HashFilter] = []
        for (i, item) in items.enumerated() { out.append(try HashFilter(json: item, at: "\(at(key))[\(i)]")) }
        return out
    }

    func meta(_ key: String) throws(GrowthBookPayloadError) -> [VariationMeta] {
        guard let items = try array(key) else { return [] }
        var out: [VariationMeta] = []
        for (i, item) in items.enumerated() { out.append(try VariationMeta(json: item, at: "\(at(key))[\(i)]")) }
        return out
    }

    func parentConditions(_ key: String) throws(GrowthBookPayloadError) -> [ParentCondition] {
        guard let items = try array(key) else { return [] }
        var out: [ParentCondition] = []
        for (i, item) in items.enumerated() { out.append(try ParentCondition(json: item, at: "\(at(key))[\(i)]")) }
        return out
    }
}
