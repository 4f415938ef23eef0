/// One rule of a GrowthBook feature: a force rule (with an optional rollout by coverage or
/// range) when ``force`` is set, else an experiment rule when ``variations`` is set.
public struct FeatureRule: Sendable {
    /// The rule id, reported in results.
    public var id: String?
    /// The experiment key (default: the feature key).
    public var key: String?
    /// The experiment's variation values.
    public var variations: [JSONValue]?
    /// The experiment's weights.
    public var weights: [Double]?
    /// The rollout share (force rules) or experiment coverage.
    public var coverage: Double?
    /// Who the rule applies to.
    public var condition: TargetingCondition?
    /// The experiment's namespace slot.
    public var namespace: Namespace?
    /// The value a force rule gives (a JSON `null` reads as no force, as in the Python SDK).
    public var force: JSONValue?
    /// The attribute hashed.
    public var hashAttribute: String
    /// The attribute hashed when ``hashAttribute`` has none.
    public var fallbackAttribute: String?
    /// The hash version (default 1).
    public var hashVersion: Int
    /// A force rule's rollout range, replacing coverage.
    public var range: BucketRange?
    /// An experiment's explicit bucket ranges.
    public var ranges: [BucketRange]?
    /// The experiment's variation metadata.
    public var meta: [VariationMeta]
    /// Hash filters; all must pass.
    public var filters: [HashFilter]
    /// The hash seed (default: the rule key for force rules, the experiment key otherwise).
    public var seed: String?
    /// An experiment display name.
    public var name: String?
    /// An experiment phase.
    public var phase: String?
    /// Turns sticky bucketing off for this rule's experiment.
    public var disableStickyBucketing: Bool
    /// The sticky-bucket version.
    public var bucketVersion: Int
    /// The oldest sticky-bucket version still honoured.
    public var minBucketVersion: Int
    /// Prerequisites on other features.
    public var parentConditions: [ParentCondition]

    /// Reads a rule of a features payload; `path` names it in errors.
    public init(json: JSONValue, at path: String) throws(GrowthBookPayloadError) {
        let r = try PayloadReader(json, at: path)
        id = try r.string("id")
        key = try r.string("key")
        variations = try r.array("variations")
        weights = try r.numbers("weights")
        coverage = try r.number("coverage")
        condition = try r.condition("condition")
        namespace = try r.namespace("namespace")
        force = r.value("force")
        hashAttribute = try r.string("hashAttribute") ?? "id"
        disableStickyBucketing = try r.bool("disableStickyBucketing") ?? false
        // GrowthBook ignores the fallback attribute of a rule without sticky bucketing.
        fallbackAttribute = disableStickyBucketing ? nil : try r.string("fallbackAttribute")
        hashVersion = (try r.int("hashVersion")).flatMap { $0 == 0 ? nil : $0 } ?? 1
        range = try r.range("range")
        ranges = try r.ranges("ranges")
        meta = try r.meta("meta")
        filters = try r.filters("filters")
        seed = try r.string("seed")
        name = try r.string("name")
        phase = try r.string("phase")
        bucketVersion = try r.int("bucketVersion") ?? 0
        minBucketVersion = try r.int("minBucketVersion") ?? 0
        parentConditions = try r.parentConditions("parentConditions")
    }

    /// The experiment an experiment rule of feature `featureKey` runs, or `nil` for a force
    /// rule or a rule without variations.
    public func experiment(featureKey: String) -> GrowthBookExperiment? {
        guard force == nil, let variations else { return nil }
        return GrowthBookExperiment(
            key: key.flatMap { $0.isEmpty ? nil : $0 } ?? featureKey, variations: variations, weights: weights,
            coverage: coverage, condition: condition, namespace: namespace, hashAttribute: hashAttribute,
            fallbackAttribute: fallbackAttribute, hashVersion: hashVersion, ranges: ranges, meta: meta,
            filters: filters, seed: seed, disableStickyBucketing: disableStickyBucketing,
            bucketVersion: bucketVersion, minBucketVersion: minBucketVersion)
    }
}
