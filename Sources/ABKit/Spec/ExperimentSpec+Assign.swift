import ABAssign

extension ExperimentSpec {
    /// The ABAssign configuration for this experiment: seed (default: the id), hash version,
    /// coverage, namespace, holdout, targeting, hash attribute (default: the unit), overrides
    /// and status, with each variant's message payload.
    public func assignmentConfig() throws -> ExperimentConfig {
        let a = assignment
        let namespace = a.namespace.map { Namespace(id: $0.id, start: $0.range[0], end: $0.range[1]) }
        let holdout = a.holdout.map { Holdout(id: $0.id ?? a.namespace?.id ?? "global", share: $0.share) }
        return try ExperimentConfig(
            key: id,
            variants: variants.map { Variant(key: $0.key, weight: $0.weight, isControl: $0.control, message: $0.message?.payload) },
            seed: a.seed ?? id,
            hashVersion: HashVersion(rawValue: a.hashVersion) ?? .v2,
            coverage: a.coverage,
            namespace: namespace,
            holdout: holdout,
            targeting: try a.targeting.map { try TargetingCondition($0) },
            hashAttribute: a.hashAttribute ?? unit,
            fallbackAttribute: a.fallbackAttribute,
            overrides: a.overrides ?? [:],
            status: ExperimentStatus(rawValue: a.status) ?? .running,
            whenStopped: StoppedBehavior(rawValue: a.whenStopped) ?? .none)
    }
}
