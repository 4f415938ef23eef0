/// Evaluates GrowthBook experiments and features for one user, in GrowthBook's order of
/// checks and with its sticky bucketing.
///
/// Make one evaluator per user (or request): it remembers the sticky-bucket documents it has
/// read and written, as GrowthBook's SDK instance does. Conditions follow
/// ``TargetingCondition``'s semantics (the JavaScript SDK's).
public struct GrowthBookEvaluator: Sendable {
    /// The user's attributes.
    public var attributes: JSONObject
    /// The features that prerequisites and ``evalFeature(_:)`` look up.
    public var features: [String: GrowthBookFeature]
    /// The saved groups `$inGroup` conditions read.
    public var savedGroups: SavedGroups
    /// QA mode: nobody is bucketed into an experiment (forced variations still apply).
    public var qaMode: Bool
    /// `false` turns every experiment off.
    public var enabled: Bool
    /// Forced variation index by experiment key, checked before anything but the variation count.
    public var forcedVariations: [String: Int]
    /// Where sticky buckets are kept; `nil` turns sticky bucketing off.
    public let stickyBucketStore: (any StickyBucketStore)?
    /// The attributes whose sticky-bucket documents are read; `nil` reads those of each
    /// experiment's hash and fallback attributes. An experiment whose hash attribute is not
    /// listed finds no sticky bucket (it still saves one), as in GrowthBook.
    public var stickyBucketIdentifierAttributes: [String]?
    /// Documents read or written so far, by key (`nil` for a read that found none).
    private var stickyDocuments: [String: StickyBucketDocument?] = [:]

    /// Creates an evaluator for a user.
    public init(
        attributes: JSONObject, features: [String: GrowthBookFeature] = [:], savedGroups: SavedGroups = .none,
        qaMode: Bool = false, enabled: Bool = true, forcedVariations: [String: Int] = [:],
        stickyBucketStore: (any StickyBucketStore)? = nil, stickyBucketIdentifierAttributes: [String]? = nil
    ) {
        self.attributes = attributes
        self.features = features
        self.savedGroups = savedGroups
        self.qaMode = qaMode
        self.enabled = enabled
        self.forcedVariations = forcedVariations
        self.stickyBucketStore = stickyBucketStore
        self.stickyBucketIdentifierAttributes = stickyBucketIdentifierAttributes
    }

    /// Creates an evaluator for a user over a payload's features and saved groups.
    public init(
        attributes: JSONObject, payload: GrowthBookPayload, qaMode: Bool = false,
        forcedVariations: [String: Int] = [:], stickyBucketStore: (any StickyBucketStore)? = nil,
        stickyBucketIdentifierAttributes: [String]? = nil
    ) {
        self.init(attributes: attributes, features: payload.features, savedGroups: payload.savedGroups, qaMode: qaMode,
                  forcedVariations: forcedVariations, stickyBucketStore: stickyBucketStore,
                  stickyBucketIdentifierAttributes: stickyBucketIdentifierAttributes)
    }

    // MARK: Features

    /// The feature's value for the user, as GrowthBook's `evalFeature` computes it. Throws
    /// only when the sticky-bucket store fails.
    public mutating func evalFeature(_ key: String) throws(StickyBucketStoreError) -> FeatureResult {
        try evalFeature(key, stack: [])
    }

    private mutating func evalFeature(_ key: String, stack: Set<String>) throws(StickyBucketStoreError) -> FeatureResult {
        guard let feature = features[key] else { return FeatureResult(value: .null, source: .unknownFeature) }
        if stack.contains(key) { return FeatureResult(value: .null, source: .cyclicPrerequisite) }
        var stack = stack
        stack.insert(key)
        for rule in feature.rules {
            if !rule.parentConditions.isEmpty {
                switch try prerequisites(rule.parentConditions, stack: stack) {
                case .pass: break
                case .fail: continue
                case .gate: return FeatureResult(value: .null, source: .prerequisite)
                case .cyclic: return FeatureResult(value: .null, source: .cyclicPrerequisite)
                }
            }
            if let condition = rule.condition, !condition.matches(attributes, savedGroups: savedGroups) { continue }
            if !rule.filters.isEmpty, isFilteredOut(rule.filters) { continue }
            if let force = rule.force {
                let included = isIncludedInRollout(
                    seed: rule.seed.flatMap { $0.isEmpty ? nil : $0 } ?? key, hashAttribute: rule.hashAttribute,
                    fallbackAttribute: rule.fallbackAttribute, range: rule.range, coverage: rule.coverage,
                    hashVersion: rule.hashVersion)
                if !included { continue }
                return FeatureResult(value: force, source: .force, ruleId: rule.id)
            }
            guard let experiment = rule.experiment(featureKey: key) else { continue }
            let result = try run(experiment, stack: stack)
            if !result.inExperiment || result.passthrough { continue }
            return FeatureResult(value: result.value, source: .experiment, ruleId: rule.id, experiment: experiment,
                                 experimentResult: result)
        }
        return FeatureResult(value: feature.defaultValue, source: .defaultValue)
    }

    private enum PrerequisiteOutcome { case pass, fail, gate, cyclic }

    private mutating func prerequisites(_ parents: [ParentCondition], stack: Set<String>) throws(StickyBucketStoreError) -> PrerequisiteOutcome {
        for parent in parents {
            let value = try evalFeature(parent.id, stack: stack)
            if value.source == .cyclicPrerequisite { return .cyclic }
            if !parent.condition.matches(JSONObject([(key: "value", value: value.value)]), savedGroups: savedGroups) {
                return parent.gate ? .gate : .fail
            }
        }
        return .pass
    }

    // MARK: Experiments

    /// The user's result in `experiment`, following GrowthBook's run-experiment steps. Throws
    /// only when the sticky-bucket store fails.
    public mutating func run(_ experiment: GrowthBookExperiment) throws(StickyBucketStoreError) -> ExperimentResult {
        try run(experiment, stack: [])
    }

    private mutating func run(_ e: GrowthBookExperiment, stack: Set<String>) throws(StickyBucketStoreError) -> ExperimentResult {
        let sticky = stickyBucketStore != nil && !e.disableStickyBucketing
        let fallback = sticky ? e.fallbackAttribute : nil
        func out(_ reason: ExperimentRunReason, stickyBucketUsed: Bool = false) -> ExperimentResult {
            result(e, variation: -1, hashUsed: false, bucket: nil, stickyBucketUsed: stickyBucketUsed, fallback: fallback, reason: reason)
        }
        if e.variations.count < 2 { return out(.tooFewVariations) }
        if !enabled { return out(.disabled) }
        if let forced = forcedVariations[e.key] {
            return result(e, variation: forced, hashUsed: false, bucket: nil, stickyBucketUsed: false, fallback: fallback, reason: .forcedVariation)
        }
        if e.status == .draft || !e.active { return out(.inactive) }
        let (hashAttribute, hashValue) = hashValue(e.hashAttribute, fallback: fallback)
        if hashValue.isEmpty { return out(.missingHashAttribute) }

        var assigned = -1
        var foundSticky = false, blocked = false
        if sticky {
            let assignments = try stickyAssignments(e.hashAttribute, fallback: e.fallbackAttribute)
            if e.minBucketVersion > 0,
                (0..<e.minBucketVersion).contains(where: { assignments[StickyBucketDocument.assignmentKey(experiment: e.key, bucketVersion: $0)] != nil }) {
                blocked = true
            } else if let stored = assignments[StickyBucketDocument.assignmentKey(experiment: e.key, bucketVersion: e.bucketVersion)],
                !stored.isEmpty, let index = e.meta.firstIndex(where: { $0.key == stored }) {
                // Only meta keys identify a stored variation, as in GrowthBook.
                assigned = index
                foundSticky = true
            }
        }
        if !foundSticky {
            if !e.filters.isEmpty {
                if isFilteredOut(e.filters) { return out(.filteredOut) }
            } else if let namespace = e.namespace, !namespace.contains(hashValue) {
                return out(.outsideNamespace)
            }
            if let condition = e.condition, !condition.matches(attributes, savedGroups: savedGroups) {
                return out(.targetingFailed)
            }
            if !e.parentConditions.isEmpty {
                switch try prerequisites(e.parentConditions, stack: stack) {
                case .pass: break
                case .fail, .gate, .cyclic: return out(.prerequisiteFailed)
                }
            }
        }
        guard let n = GrowthBookHash.hash(seed: e.hashSeed, value: hashValue, version: e.hashVersion) else {
            return out(.unknownHashVersion)
        }
        if !foundSticky { assigned = BucketRange.choose(n, in: e.bucketRanges) ?? -1 }
        if blocked { return out(.stickyBucketBlocked, stickyBucketUsed: true) }
        if assigned < 0 { return out(.outsideCoverage) }
        if let force = e.force {
            return result(e, variation: force, hashUsed: false, bucket: nil, stickyBucketUsed: false, fallback: fallback, reason: .forced)
        }
        if qaMode { return out(.qaMode) }
        if e.status == .stopped { return out(.stopped) }
        let final = result(e, variation: assigned, hashUsed: true, bucket: n, stickyBucketUsed: foundSticky, fallback: fallback,
                           reason: foundSticky ? .stickyBucket : .assigned)
        if sticky, let store = stickyBucketStore {
            let docKey = StickyBucketDocument.key(attributeName: hashAttribute, attributeValue: hashValue)
            var doc = (stickyDocuments[docKey] ?? nil)
                ?? StickyBucketDocument(attributeName: hashAttribute, attributeValue: hashValue)
            let assignmentKey = StickyBucketDocument.assignmentKey(experiment: e.key, bucketVersion: e.bucketVersion)
            if doc.assignments[assignmentKey] != final.key {
                doc.assignments[assignmentKey] = final.key
                stickyDocuments[docKey] = doc
                try store.save(doc)
            }
        }
        return final
    }

    /// GrowthBook's result object: an index out of range means variation 0, not in the experiment.
    private func result(
        _ e: GrowthBookExperiment, variation: Int, hashUsed: Bool, bucket: Double?, stickyBucketUsed: Bool,
        fallback: String?, reason: ExperimentRunReason
    ) -> ExperimentResult {
        let inExperiment = variation >= 0 && variation < e.variations.count
        let index = inExperiment ? variation : 0
        let meta = index < e.meta.count ? e.meta[index] : nil
        let (attribute, value) = hashValue(e.hashAttribute, fallback: fallback)
        return ExperimentResult(
            inExperiment: inExperiment, variationId: index, value: e.variations.isEmpty ? .null : e.variations[index],
            hashUsed: hashUsed, hashAttribute: attribute, hashValue: value, bucket: bucket,
            key: meta?.key ?? String(index), name: meta?.name, passthrough: meta?.passthrough ?? false,
            stickyBucketUsed: stickyBucketUsed, reason: reason)
    }

    // MARK: Hashing

    /// The attribute and hashed text identifying the user: `attribute`'s value when usable,
    /// else `fallback`'s; ("attribute", "") when neither is.
    private func hashValue(_ attribute: String, fallback: String?) -> (String, String) {
        let value = ExperimentConfig.hashString(attributes[attribute])
        if value.isEmpty, let fallback {
            let other = ExperimentConfig.hashString(attributes[fallback])
            if !other.isEmpty { return (fallback, other) }
        }
        return (attribute, value)
    }

    private func isFilteredOut(_ filters: [HashFilter]) -> Bool {
        for filter in filters {
            let value = ExperimentConfig.hashString(attributes[filter.attribute])
            guard !value.isEmpty, let n = GrowthBookHash.hash(seed: filter.seed, value: value, version: filter.hashVersion) else {
                return true
            }
            if !filter.ranges.contains(where: { $0.contains(n) }) { return true }
        }
        return false
    }

    private func isIncludedInRollout(
        seed: String, hashAttribute: String, fallbackAttribute: String?, range: BucketRange?, coverage: Double?, hashVersion: Int
    ) -> Bool {
        if coverage == nil, range == nil { return true }
        if coverage == 0, range == nil { return false }
        let (_, value) = hashValue(hashAttribute, fallback: fallbackAttribute)
        guard !value.isEmpty, let n = GrowthBookHash.hash(seed: seed, value: value, version: hashVersion) else { return false }
        if let range { return range.contains(n) }
        if let coverage { return n < coverage }
        return true
    }

    // MARK: Sticky buckets

    /// The stored assignments for the hash attribute's document, merged with the fallback
    /// attribute's (the hash attribute's win).
    private mutating func stickyAssignments(_ attribute: String, fallback: String?) throws(StickyBucketStoreError) -> [String: String] {
        var merged = try stickyDocument(attribute, ExperimentConfig.hashString(attributes[attribute]))?.assignments ?? [:]
        if let fallback, let doc = try stickyDocument(fallback, ExperimentConfig.hashString(attributes[fallback])) {
            merged.merge(doc.assignments) { mine, _ in mine }
        }
        return merged
    }

    private mutating func stickyDocument(_ attribute: String, _ value: String) throws(StickyBucketStoreError) -> StickyBucketDocument? {
        let key = StickyBucketDocument.key(attributeName: attribute, attributeValue: value)
        if let known = stickyDocuments[key] { return known }
        guard let store = stickyBucketStore, !value.isEmpty,
            stickyBucketIdentifierAttributes?.contains(attribute) ?? true
        else { return nil }
        let doc = try store.document(attributeName: attribute, attributeValue: value)
        stickyDocuments[key] = .some(doc)
        return doc
    }
}
