/// Everything ABAssign needs to assign users to one experiment, prepared for fast assignment.
public struct ExperimentConfig: Sendable {
    /// The experiment id, reported in assignments.
    public let key: String
    /// The variants, in order; index 0 is not necessarily control.
    public let variants: [Variant]
    /// The bucketing hash seed and version (for a ``seedPeriod``, as drawn for one period).
    public private(set) var hasher: SeededHash
    /// The seed before any period's label is added.
    public let baseSeed: String
    /// When set, the experiment is drawn again every period like a periodic holdout: the seed is
    /// `baseSeed + "@" + label` of the period holding the user's exposure. A periodic holdout's
    /// analysis uses it to draw its two groups exactly as the holdout does.
    /// The share of eligible users that enter the experiment, in [0, 1].
    public let coverage: Double
    /// The bucket ranges computed from weights and coverage, as GrowthBook computes them.
    public let ranges: [BucketRange]
    /// The namespace slot, if the experiment is mutually exclusive with others.
    public let namespace: Namespace?
    public let seedPeriod: RedrawPeriod?
    /// The period the seed is drawn for, when ``seedPeriod`` is set.
    public private(set) var seedPeriodIndex: Int?
    /// The global holdout this experiment respects, if any.
    public private(set) var holdout: Holdout?
    /// Who is eligible.
    public let targeting: TargetingCondition?
    /// The attribute whose value is hashed (default `id`).
    public let hashAttribute: String
    /// The attribute hashed when `hashAttribute` has no usable value.
    public let fallbackAttribute: String?
    /// Forced variants for QA: hash-attribute value → variant index.
    public let overrides: [String: Int]
    /// Draft, running or stopped.
    public let status: ExperimentStatus
    /// What a stopped experiment assigns.
    public let whenStopped: StoppedBehavior
    /// The index of the control variant (the one marked control, else the first).
    public let controlIndex: Int
    /// For each bucket in [0, hasher.scale), the index of the range holding `bucket / scale`
    /// (``BucketRange/choose(_:in:)`` computed once per bucket), or 255 for none; empty when
    /// there are more than 255 variants.
    @usableFromInline let variantOfBucket: [UInt8]

    /// Creates a configuration; fails when variants or overrides are inconsistent.
    ///
    /// `drawnAtMilliseconds` is the time (ms since the epoch) a periodic holdout and a
    /// `seedPeriod` are drawn for; without it the holdout keeps the draw it was made with and a
    /// periodic seed is drawn for the period holding the epoch. ``drawn(atMilliseconds:)`` draws
    /// for another time.
    public init(
        key: String,
        variants: [Variant],
        seed: String? = nil,
        hashVersion: HashVersion = .v2,
        coverage: Double = 1,
        namespace: Namespace? = nil,
        holdout: Holdout? = nil,
        targeting: TargetingCondition? = nil,
        hashAttribute: String = "id",
        fallbackAttribute: String? = nil,
        overrides: [String: String] = [:],
        status: ExperimentStatus = .running,
        whenStopped: StoppedBehavior = .none,
        seedPeriod: RedrawPeriod? = nil,
        drawnAtMilliseconds: Int64? = nil
    ) throws(ExperimentConfigError) {
        guard variants.count >= 2 else { throw .tooFewVariants(variants.count) }
        var seen = Set<String>()
        for variant in variants where !seen.insert(variant.key).inserted {
            throw .duplicateVariant(variant.key)
        }
        var overrideIndex: [String: Int] = [:]
        for (user, variantKey) in overrides {
            guard let index = variants.firstIndex(where: { $0.key == variantKey }) else {
                throw .unknownOverrideVariant(user: user, variant: variantKey)
            }
            overrideIndex[user] = index
        }
        self.key = key
        self.variants = variants
        self.baseSeed = seed ?? key
        self.seedPeriod = seedPeriod
        self.seedPeriodIndex = seedPeriod?.index(atMilliseconds: drawnAtMilliseconds ?? 0)
        self.hasher = SeededHash(seed: Self.drawnSeed(seed ?? key, seedPeriod, index: seedPeriodIndex), version: hashVersion)
        self.coverage = coverage
        self.ranges = BucketRange.ranges(count: variants.count, coverage: coverage, weights: variants.map(\.weight))
        self.namespace = namespace
        self.holdout = drawnAtMilliseconds.flatMap { at in holdout?.drawn(atMilliseconds: at) } ?? holdout
        self.targeting = targeting
        self.hashAttribute = hashAttribute
        self.fallbackAttribute = fallbackAttribute
        self.overrides = overrideIndex
        self.status = status
        self.whenStopped = whenStopped
        self.controlIndex = variants.firstIndex(where: \.isControl) ?? 0
        let hasher = self.hasher, ranges = self.ranges
        self.variantOfBucket = variants.count < 255
            ? (0..<hasher.scale).map { UInt8(BucketRange.choose(hasher.hash(bucket: $0), in: ranges) ?? 255) }
            : []
    }
}

extension ExperimentConfig {
    /// Whether assignment depends on when the user is exposed: a periodic holdout or seed.
    public var isPeriodic: Bool { seedPeriod != nil || holdout?.period != nil }

    /// This experiment as drawn for the period holding `milliseconds` since the epoch: the
    /// periodic holdout and seed salted with that period's label. Itself when nothing is periodic.
    public func drawn(atMilliseconds milliseconds: Int64) -> ExperimentConfig {
        guard isPeriodic else { return self }
        let drawnHoldout = holdout?.drawn(atMilliseconds: milliseconds)
        let index = seedPeriod?.index(atMilliseconds: milliseconds)
        if drawnHoldout == holdout, index == seedPeriodIndex { return self }
        var copy = self
        copy.holdout = drawnHoldout
        if index != seedPeriodIndex {
            copy.seedPeriodIndex = index
            copy.hasher = SeededHash(seed: Self.drawnSeed(baseSeed, seedPeriod, index: index), version: hasher.version)
        }
        return copy
    }

    /// `seed`, salted with the label of period `index` when `period` is set.
    static func drawnSeed(_ seed: String, _ period: RedrawPeriod?, index: Int?) -> String {
        guard let period, let index else { return seed }
        return seed + "@" + period.label(ofIndex: index)
    }
}

/// Why an experiment configuration is inconsistent.
public enum ExperimentConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An experiment needs at least two variants.
    case tooFewVariants(Int)
    /// Two variants share a key.
    case duplicateVariant(String)
    /// An override names a variant the experiment does not have.
    case unknownOverrideVariant(user: String, variant: String)

    public var description: String {
        switch self {
        case .tooFewVariants(let n): "an experiment needs at least 2 variants, got \(n)"
        case .duplicateVariant(let key): "variant key \"\(key)\" is used twice"
        case .unknownOverrideVariant(let user, let variant):
            "override for \"\(user)\" names variant \"\(variant)\", which the experiment does not have"
        }
    }
}

extension ExperimentConfig {
    /// The attribute names assignment can read (the hash attribute, its fallback, targeting's),
    /// or nil when targeting may read any.
    public var attributeNames: Set<String>? {
        var names: Set<String> = [hashAttribute]
        if let fallbackAttribute { names.insert(fallbackAttribute) }
        guard let targeting else { return names }
        guard let read = targeting.attributeNames else { return nil }
        return names.union(read)
    }
}
