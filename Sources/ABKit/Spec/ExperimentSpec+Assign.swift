import Foundation
import ABAssign

extension ExperimentSpec {
    /// The ABAssign configuration for this experiment: seed (default: the id), hash version,
    /// coverage, namespace, holdout, targeting, hash attribute (default: the unit), overrides
    /// and status, with each variant's message payload.
    ///
    /// A periodic holdout (and a periodic holdout's analysis) is drawn for the period holding
    /// `drawnAt`; ``ExperimentConfig/drawn(atMilliseconds:)`` draws it for another exposure time.
    public func assignmentConfig(drawnAt: Date = Date()) throws -> ExperimentConfig {
        let a = assignment
        let at = Int64((drawnAt.timeIntervalSince1970 * 1000).rounded(.down))
        let namespace = a.namespace.map { Namespace(id: $0.id, start: $0.range[0], end: $0.range[1]) }
        let holdout = a.holdout.map { spec in
            let id = spec.id ?? a.namespace?.id ?? "global"
            return spec.period.map { Holdout(id: id, share: spec.share, period: $0, atMilliseconds: at) } ?? Holdout(id: id, share: spec.share)
        }
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
            whenStopped: StoppedBehavior(rawValue: a.whenStopped) ?? .none,
            seedPeriod: holdoutAnalysis?.period, drawnAtMilliseconds: at)
    }
}

extension ExperimentSpec {
    /// Whether assignment must go through `GrowthBookEvaluator`: the file uses a field only
    /// GrowthBook's evaluation honours (`bucketVersion`, `minBucketVersion`, `stickyBucketing`,
    /// `filters`, `ranges`, `force`, `active`).
    public var usesGrowthBookFields: Bool { assignment.usesGrowthBookFields }

    /// The experiment's IANA time zone (`assignment.timezone`), where a message's `sendAt` is
    /// read for users without a known `timezone` attribute.
    public var timeZone: String? { assignment.timezone }

    /// The GrowthBook form of this experiment for `GrowthBookEvaluator`: ``assignmentConfig()``
    /// bridged by `GrowthBookExperiment.init(_:)`, plus the GrowthBook-only fields. Per-user
    /// `overrides` are not part of it: pass them as the evaluator's forced variations
    /// (``forcedVariation(for:)``).
    public func growthBookExperiment(drawnAt: Date = Date()) throws -> GrowthBookExperiment {
        growthBookExperiment(bridging: try assignmentConfig(drawnAt: drawnAt))
    }

    /// ``growthBookExperiment(drawnAt:)`` of an ``assignmentConfig(drawnAt:)`` already made (for
    /// example drawn for another period).
    public func growthBookExperiment(bridging config: ExperimentConfig) -> GrowthBookExperiment {
        var e = GrowthBookExperiment(config)
        let a = assignment
        e.bucketVersion = a.bucketVersion ?? 0
        e.minBucketVersion = a.minBucketVersion ?? 0
        if a.stickyBucketing == false {
            e.disableStickyBucketing = true
            // As GrowthBookExperiment.init does: no fallback attribute without sticky bucketing.
            e.fallbackAttribute = nil
        }
        e.filters += (a.filters ?? []).map { f in
            HashFilter(attribute: f.attribute ?? config.hashAttribute, seed: f.seed, hashVersion: f.hashVersion,
                       ranges: f.ranges.map { BucketRange(start: $0[0], end: $0[1]) })
        }
        e.ranges = a.ranges.map { $0.map { BucketRange(start: $0[0], end: $0[1]) } }
        e.force = a.force.flatMap { key in variants.firstIndex { $0.key == key } }
        e.active = a.active ?? true
        return e
    }

    /// The variant index forced for a user by `assignment.overrides` (keyed by the hash
    /// attribute's value), for `GrowthBookEvaluator`'s forced variations.
    public func forcedVariation(for hashValue: String) -> Int? {
        guard let key = assignment.overrides?[hashValue] else { return nil }
        return variants.firstIndex { $0.key == key }
    }
}
