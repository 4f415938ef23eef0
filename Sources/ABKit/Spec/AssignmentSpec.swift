import ABAssign

/// The `assignment` section: how users are bucketed.
public struct AssignmentSpec: Sendable, Codable {
    /// The hash seed; defaults to the experiment id.
    package var seed: String?
    /// GrowthBook hash version, 1 or 2 (default 2).
    package var hashVersion: Int
    /// The share of eligible users in the experiment (default 1).
    package var coverage: Double
    /// The namespace slot, for mutually exclusive experiments.
    package var namespace: NamespaceSpec?
    /// A GrowthBook targeting condition over user attributes.
    package var targeting: JSONValue?
    /// The attribute to hash (default "id").
    package var hashAttribute: String?
    /// The attribute hashed when `hashAttribute` is missing.
    package var fallbackAttribute: String?
    /// Forced variants for QA: user → variant key.
    package var overrides: [String: String]?
    /// The global holdout this experiment respects.
    package var holdout: HoldoutSpec?
    /// draft, running (default) or stopped.
    package var status: String
    /// What a stopped experiment assigns: "none" (default) or "control".
    package var whenStopped: String

    static let fields = ["seed", "hashVersion", "coverage", "namespace", "targeting", "hashAttribute",
                         "fallbackAttribute", "overrides", "holdout", "status", "whenStopped"]

    init(reading value: JSONValue?, at path: String, _ r: SpecReader) {
        let o = r.object(value, path, required: false, allowed: Self.fields) ?? JSONObject()
        seed = r.string(o, "seed", path)
        hashVersion = 2
        if let v = o["hashVersion"] {
            if case .number(let n) = v, n == 1 || n == 2 { hashVersion = Int(n) } else {
                r.expected(SpecReader.join(path, "hashVersion"), "1 or 2", got: v)
            }
        }
        coverage = r.number(o, "coverage", path, in: 0...1) ?? 1
        namespace = o["namespace"].flatMap { NamespaceSpec(reading: $0, at: SpecReader.join(path, "namespace"), r) }
        targeting = o["targeting"]
        if let t = targeting {
            do { _ = try TargetingCondition(t) } catch {
                r.expected(SpecReader.join(path, "targeting"), "a condition object", got: t)
            }
        }
        hashAttribute = r.string(o, "hashAttribute", path)
        fallbackAttribute = r.string(o, "fallbackAttribute", path)
        if let ov = r.object(o["overrides"], SpecReader.join(path, "overrides"), required: false) {
            var map: [String: String] = [:]
            for member in ov.members {
                if case .string(let key) = member.value { map[member.key] = key } else {
                    r.expected(SpecReader.join(path, "overrides") + "[\"\(member.key)\"]", "a variant key", got: member.value)
                }
            }
            overrides = map
        }
        holdout = o["holdout"].flatMap { HoldoutSpec(reading: $0, at: SpecReader.join(path, "holdout"), r) }
        status = r.string(o, "status", path, oneOf: ExperimentStatus.allCases.map(\.rawValue)) ?? "running"
        whenStopped = r.string(o, "whenStopped", path, oneOf: StoppedBehavior.allCases.map(\.rawValue)) ?? "none"
    }
}

/// A namespace slot: `{"id", "range": [start, end]}`.
public struct NamespaceSpec: Sendable, Hashable, Codable {
    /// The namespace id shared by mutually exclusive experiments.
    package var id: String
    /// The slot [start, end) with 0 <= start < end <= 1.
    package var range: [Double]

    init?(reading value: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(value, path, allowed: ["id", "range"]) else { return nil }
        let id = r.string(o, "id", path, required: true)
        let rangePath = SpecReader.join(path, "range")
        var range: [Double]?
        if let items = r.array(o, "range", path, required: true) {
            let numbers = items.compactMap(\.numberValue)
            if items.count == 2, numbers.count == 2, numbers[0] >= 0, numbers[0] < numbers[1], numbers[1] <= 1 {
                range = numbers
            } else {
                r.expected(rangePath, "[start, end] with 0 <= start < end <= 1", got: .array(items))
            }
        }
        guard let id, let range else { return nil }
        self.id = id
        self.range = range
    }
}

/// A global holdout: `{"id", "share"}`; the id defaults to the namespace id, else "global".
public struct HoldoutSpec: Sendable, Hashable, Codable {
    /// The holdout id shared by the experiments it covers.
    package var id: String?
    /// The share of users held out, in [0, 1].
    package var share: Double

    init?(reading value: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(value, path, allowed: ["id", "share"]) else { return nil }
        id = r.string(o, "id", path)
        guard let share = r.number(o, "share", path, required: true, in: 0...1) else { return nil }
        self.share = share
    }
}
