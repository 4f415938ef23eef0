/// An experiment with every field GrowthBook's SDKs evaluate, run by
/// ``GrowthBookEvaluator/run(_:)`` in GrowthBook's order of checks.
///
/// Defaults are GrowthBook's: hash attribute `id`, hash version 1, coverage 1, equal weights,
/// active and running, bucket versions 0. ``ExperimentConfig`` remains the fast path for
/// experiments that need none of these fields.
public struct GrowthBookExperiment: Sendable {
    /// The experiment key, also the hash seed when ``seed`` is not set.
    public var key: String
    /// The variation values, in order.
    public var variations: [JSONValue]
    /// Traffic weights per variation; invalid or missing weights mean equal weights.
    public var weights: [Double]?
    /// `false` keeps everyone out, like a draft.
    public var active: Bool
    /// Draft and running as in GrowthBook; stopped keeps everyone out after bucketing.
    public var status: ExperimentStatus
    /// The share of traffic included, in [0, 1]; `nil` is 1.
    public var coverage: Double?
    /// Who is eligible.
    public var condition: TargetingCondition?
    /// Prerequisites on other features' values.
    public var parentConditions: [ParentCondition]
    /// The namespace slot (ignored when ``filters`` is not empty).
    public var namespace: Namespace?
    /// A variation index everyone bucketed gets (an index out of range keeps them out).
    public var force: Int?
    /// The attribute hashed.
    public var hashAttribute: String
    /// The attribute hashed when ``hashAttribute`` has no value; used only with sticky
    /// bucketing, as in GrowthBook.
    public var fallbackAttribute: String?
    /// The bucketing hash version (1 or 2; any other keeps everyone out).
    public var hashVersion: Int
    /// Explicit bucket ranges per variation, replacing weights and coverage.
    public var ranges: [BucketRange]?
    /// Per-variation keys, names and passthrough flags.
    public var meta: [VariationMeta]
    /// Hash filters; all must pass.
    public var filters: [HashFilter]
    /// The hash seed; `nil` or "" uses ``key``.
    public var seed: String?
    /// Turns sticky bucketing off for this experiment.
    public var disableStickyBucketing: Bool
    /// The sticky-bucket version: raising it re-buckets everyone.
    public var bucketVersion: Int
    /// Users whose sticky bucket is from an older version are kept out.
    public var minBucketVersion: Int

    /// Creates an experiment with GrowthBook's defaults for every field not given.
    public init(
        key: String, variations: [JSONValue], weights: [Double]? = nil, active: Bool = true,
        status: ExperimentStatus = .running, coverage: Double? = nil, condition: TargetingCondition? = nil,
        parentConditions: [ParentCondition] = [], namespace: Namespace? = nil, force: Int? = nil,
        hashAttribute: String = "id", fallbackAttribute: String? = nil, hashVersion: Int = 1,
        ranges: [BucketRange]? = nil, meta: [VariationMeta] = [], filters: [HashFilter] = [], seed: String? = nil,
        disableStickyBucketing: Bool = false, bucketVersion: Int = 0, minBucketVersion: Int = 0
    ) {
        self.key = key
        self.variations = variations
        self.weights = weights
        self.active = active
        self.status = status
        self.coverage = coverage
        self.condition = condition
        self.parentConditions = parentConditions
        self.namespace = namespace
        self.force = force
        self.hashAttribute = hashAttribute
        // GrowthBook drops the fallback attribute of an experiment without sticky bucketing.
        self.fallbackAttribute = disableStickyBucketing ? nil : fallbackAttribute
        self.hashVersion = hashVersion
        self.ranges = ranges
        self.meta = meta
        self.filters = filters
        self.seed = seed
        self.disableStickyBucketing = disableStickyBucketing
        self.bucketVersion = bucketVersion
        self.minBucketVersion = minBucketVersion
    }

    /// Reads an experiment in GrowthBook's JSON form (the fields of its `Experiment`);
    /// `path` names it in errors.
    public init(json: JSONValue, at path: String = "") throws(GrowthBookPayloadError) {
        let r = try PayloadReader(json, at: path)
        guard let key = try r.string("key") else {
            throw GrowthBookPayloadError(path: r.at("key"), expected: "the experiment key", got: "nothing")
        }
        guard let variations = try r.array("variations") else {
            throw GrowthBookPayloadError(path: r.at("variations"), expected: "an array of variation values", got: "nothing")
        }
        var status = ExperimentStatus.running
        if let text = try r.string("status") {
            guard let parsed = ExperimentStatus(rawValue: text) else {
                throw GrowthBookPayloadError(path: r.at("status"), expected: "draft, running or stopped", got: "\"\(text)\"")
            }
            status = parsed
        }
        self.init(
            key: key, variations: variations, weights: try r.numbers("weights"), active: try r.bool("active") ?? true,
            status: status, coverage: try r.number("coverage"), condition: try r.condition("condition"),
            parentConditions: try r.parentConditions("parentConditions"), namespace: try r.namespace("namespace"),
            force: try r.int("force"), hashAttribute: try r.string("hashAttribute") ?? "id",
            fallbackAttribute: try r.string("fallbackAttribute"), hashVersion: (try r.int("hashVersion")).flatMap { $0 == 0 ? nil : $0 } ?? 1,
            ranges: try r.ranges("ranges"), meta: try r.meta("meta"), filters: try r.filters("filters"),
            seed: try r.string("seed"), disableStickyBucketing: try r.bool("disableStickyBucketing") ?? false,
            bucketVersion: try r.int("bucketVersion") ?? 0, minBucketVersion: try r.int("minBucketVersion") ?? 0)
    }

    /// The seed hashed: ``seed`` unless empty, else ``key``.
    public var hashSeed: String {
        if let seed, !seed.isEmpty { return seed }
        return key
    }

    /// The bucket range of each variation: ``ranges`` when given, else from weights and
    /// coverage as GrowthBook computes them.
    public var bucketRanges: [BucketRange] {
        if let ranges, !ranges.isEmpty { return ranges }
        return BucketRange.ranges(count: variations.count, coverage: coverage ?? 1, weights: weights)
    }

    /// The key of variation `index` as GrowthBook reports and sticky buckets store it: the
    /// meta key, else the index as text.
    public func variationKey(_ index: Int) -> String {
        if index < meta.count, let key = meta[index].key { return key }
        return String(index)
    }
}
