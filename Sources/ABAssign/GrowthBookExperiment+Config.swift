extension GrowthBookExperiment {
    /// The GrowthBook form of an ABAssign experiment, so it can run with sticky bucketing,
    /// QA mode or prerequisites through ``GrowthBookEvaluator``: each variant's message (else
    /// its key) is the variation value and its key the meta key sticky buckets store; weights,
    /// coverage, seed, hash version, targeting, hash and fallback attributes and status carry
    /// over. A holdout becomes a hash filter (users hashing at or above its share pass); with a
    /// holdout the namespace becomes a filter too, since GrowthBook ignores a namespace when an
    /// experiment has filters. Per-user ``ExperimentConfig/overrides`` have no GrowthBook
    /// counterpart on an experiment: apply them before running.
    public init(_ config: ExperimentConfig) {
        var filters: [HashFilter] = []
        var namespace = config.namespace
        if let holdout = config.holdout {
            filters.append(HashFilter(attribute: config.hashAttribute, seed: holdout.hasher.seed, hashVersion: 2,
                                      ranges: [BucketRange(start: holdout.share, end: 1)]))
            if let slot = namespace {
                filters.append(HashFilter(attribute: config.hashAttribute, seed: slot.hasher.seed, hashVersion: 1, ranges: [slot.range]))
                namespace = nil
            }
        }
        self.init(
            key: config.key, variations: config.variants.map { $0.message ?? .string($0.key) },
            weights: config.variants.map(\.weight), status: config.status, coverage: config.coverage,
            condition: config.targeting, namespace: namespace, hashAttribute: config.hashAttribute,
            fallbackAttribute: config.fallbackAttribute, hashVersion: config.hasher.version.rawValue,
            meta: config.variants.map { VariationMeta(key: $0.key) }, filters: filters, seed: config.hasher.seed)
    }
}
