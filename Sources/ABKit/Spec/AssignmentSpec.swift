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
    /// The experiment's IANA time zone: where a message's `sendAt` is read when the user has
    /// no known `timezone` attribute.
    package var timezone: String?
    /// GrowthBook's sticky-bucket version: raising it re-buckets everyone (default 0).
    package var bucketVersion: Int?
    /// Users whose sticky bucket is from an older bucket version are kept out (default 0).
    package var minBucketVersion: Int?
    /// `false` turns sticky bucketing off for this experiment even with a sticky store.
    package var stickyBucketing: Bool?
    /// GrowthBook hash filters; a user must pass all of them.
    package var filters: [HashFilterSpec]?
    /// Explicit bucket ranges, one `[start, end]` per variant, replacing weights and coverage.
    package var ranges: [[Double]]?
    /// A variant key everyone bucketed gets (GrowthBook's `force`).
    package var force: String?
    /// `false` keeps everyone out, like a draft (GrowthBook's `active`).
    package var active: Bool?

    static let fields = ["seed", "hashVersion", "coverage", "namespace", "targeting", "hashAttribute",
                         "fallbackAttribute", "overrides", "holdout", "status", "whenStopped", "timezone",
                         "bucketVersion", "minBucketVersion", "stickyBucketing", "filters", "ranges", "force", "active"]

    /// Whether the section uses a field only GrowthBook's evaluation honours, so assignment
    /// must go through `GrowthBookEvaluator` rather than the fast path.
    package var usesGrowthBookFields: Bool {
        bucketVersion != nil || minBucketVersion != nil || stickyBucketing != nil || filters != nil || ranges != nil
            || force != nil || active != nil
    }

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
            // Every part GrowthBook could not evaluate, so a file never silently targets nobody.
            let targetingPath = SpecReader.join(path, "targeting")
            for problem in TargetingCondition.problems(in: t) {
                r.fail(problem.path.isEmpty ? targetingPath : targetingPath + "." + problem.path,
                       "\(problem.kind.rawValue): \(problem.message)")
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
        timezone = r.timeZone(o, "timezone", path, allowUser: false)
        bucketVersion = r.integer(o, "bucketVersion", path)
        minBucketVersion = r.integer(o, "minBucketVersion", path)
        stickyBucketing = r.bool(o, "stickyBucketing", path)
        if let items = r.array(o, "filters", path) {
            filters = items.enumerated().compactMap { i, item in
                HashFilterSpec(reading: item, at: SpecReader.join(path, "filters") + "[\(i)]", r)
            }
        }
        if let items = r.array(o, "ranges", path) {
            ranges = items.enumerated().compactMap { i, item in r.range(item, at: SpecReader.join(path, "ranges") + "[\(i)]") }
        }
        force = r.string(o, "force", path)
        active = r.bool(o, "active", path)
        if let min = minBucketVersion, min > (bucketVersion ?? 0) {
            r.fail(SpecReader.join(path, "minBucketVersion"),
                   "expected at most bucketVersion (\(bucketVersion ?? 0)), got \(min): nobody could be assigned")
        }
        if namespace != nil, filters != nil {
            // GrowthBook ignores the namespace of an experiment with filters; say so instead.
            r.fail(SpecReader.join(path, "namespace"), "GrowthBook ignores a namespace when filters are given; express the namespace as a filter")
        }
    }

    /// Checks against the variants: `force` names a variant, `ranges` has one range each.
    func crossCheck(variantKeys keys: [String], at path: String, _ r: SpecReader) {
        if let force, !keys.contains(force) {
            r.fail(SpecReader.join(path, "force"), "expected one of the variant keys \(keys), got \"\(force)\"")
        }
        if let ranges, ranges.count != keys.count {
            r.fail(SpecReader.join(path, "ranges"), "expected one [start, end] range per variant (\(keys.count)), got \(ranges.count)")
        }
    }
}

/// A GrowthBook hash filter: `{"attribute", "seed", "hashVersion", "ranges": [[start, end], ...]}`.
public struct HashFilterSpec: Sendable, Hashable, Codable {
    /// The attribute hashed (default: the experiment's hash attribute).
    package var attribute: String?
    /// The filter's own hash seed (required: filters exist to hash independently).
    package var seed: String
    /// The hash version, 1 or 2 (default 2).
    package var hashVersion: Int
    /// The hash ranges that pass.
    package var ranges: [[Double]]

    init?(reading value: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(value, path, allowed: ["attribute", "seed", "hashVersion", "ranges"]) else { return nil }
        attribute = r.string(o, "attribute", path)
        let seed = r.string(o, "seed", path, required: true)
        hashVersion = r.integer(o, "hashVersion", path, in: 1...2, what: "1 or 2") ?? 2
        let items = r.array(o, "ranges", path, required: true)
        let ranges = items?.enumerated().compactMap { i, item in r.range(item, at: SpecReader.join(path, "ranges") + "[\(i)]") }
        if let items, items.isEmpty { r.fail(SpecReader.join(path, "ranges"), "expected at least one [start, end] range") }
        guard let seed, let ranges else { return nil }
        self.seed = seed
        self.ranges = ranges
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

/// A global holdout: `{"id", "share", "period"}`; the id defaults to the namespace id, else "global".
public struct HoldoutSpec: Sendable, Hashable, Codable {
    /// The holdout id shared by the experiments it covers.
    package var id: String?
    /// The share of users held out, in [0, 1].
    package var share: Double
    /// How often the holdout is drawn again (UTC calendar periods); absent: one lasting draw.
    package var period: RedrawPeriod?

    init?(reading value: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(value, path, allowed: ["id", "share", "period"]) else { return nil }
        id = r.string(o, "id", path)
        period = r.string(o, "period", path, oneOf: RedrawPeriod.allCases.map(\.rawValue)).flatMap(RedrawPeriod.init(rawValue:))
        guard let share = r.number(o, "share", path, required: true, in: 0...1) else { return nil }
        self.share = share
    }
}
