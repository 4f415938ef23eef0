/// An experiment rule of a GrowthBook payload as an ABAssign ``ExperimentConfig``, or why it
/// cannot be one (see ``GrowthBookPayload/experimentConfigs()``).
public struct PayloadExperiment: Sendable {
    /// The feature holding the rule.
    public var featureKey: String
    /// The rule's position in the feature's rules.
    public var ruleIndex: Int
    /// The rule's id, if it has one.
    public var ruleId: String?
    /// The configuration, when the rule uses only fields ``ExperimentConfig`` evaluates.
    public var config: ExperimentConfig?
    /// Why there is no configuration: the fields the rule uses that ``ExperimentConfig`` does not
    /// evaluate, or the configuration error.
    public var skipped: String?

    /// The rule's path in the payload, for messages.
    public var path: String { "features.\(featureKey).rules[\(ruleIndex)]" }
}

extension GrowthBookPayload {
    /// Every experiment rule, in payload order, as an ``ExperimentConfig`` where the rule's
    /// assignment can be reproduced by one: variants keyed by their meta keys (else index),
    /// weights, coverage, seed, hash version, namespace, condition and hash attribute carried
    /// over, each variation's value as the variant's message, the first variation as control.
    /// Rules with hash filters, explicit ranges, prerequisites, saved groups, an unknown hash
    /// version or fewer than two variations are reported as skipped. The fallback attribute is left out:
    /// GrowthBook uses it only with sticky bucketing, which ``ExperimentConfig`` does not do.
    public func experimentConfigs() -> [PayloadExperiment] {
        var found: [PayloadExperiment] = []
        for key in featureKeys {
            guard let feature = features[key] else { continue }
            for (index, rule) in feature.rules.enumerated() {
                guard let experiment = rule.experiment(featureKey: key) else { continue }
                var entry = PayloadExperiment(featureKey: key, ruleIndex: index, ruleId: rule.id)
                var unsupported: [String] = []
                if !experiment.filters.isEmpty { unsupported.append("filters") }
                if let ranges = experiment.ranges, !ranges.isEmpty { unsupported.append("ranges") }
                if !rule.parentConditions.isEmpty { unsupported.append("parentConditions") }
                let version = HashVersion(rawValue: experiment.hashVersion)
                if version == nil { unsupported.append("hashVersion \(experiment.hashVersion)") }
                if experiment.variations.count < 2 { unsupported.append("fewer than 2 variations") }
                if let condition = experiment.condition, Self.usesSavedGroups(condition.source) {
                    unsupported.append("saved groups in its condition")
                }
                if let version, unsupported.isEmpty {
                    let n = experiment.variations.count
                    let weights = experiment.weights.flatMap { $0.count == n ? $0 : nil } ?? BucketRange.equalWeights(n)
                    let variants = (0..<n).map {
                        Variant(key: experiment.variationKey($0), weight: weights[$0], isControl: $0 == 0,
                                message: experiment.variations[$0])
                    }
                    do {
                        entry.config = try ExperimentConfig(
                            key: experiment.key, variants: variants, seed: experiment.hashSeed, hashVersion: version,
                            coverage: experiment.coverage ?? 1, namespace: experiment.namespace,
                            targeting: experiment.condition, hashAttribute: experiment.hashAttribute)
                    } catch {
                        entry.skipped = error.description
                    }
                } else {
                    entry.skipped = "uses " + unsupported.joined(separator: ", ") + ", which ExperimentConfig does not evaluate"
                }
                found.append(entry)
            }
        }
        return found
    }

    /// Whether a condition names saved groups, which ``ExperimentConfig``'s targeting does not see.
    public static func usesSavedGroups(_ condition: JSONValue) -> Bool {
        switch condition {
        case .object(let object):
            object.members.contains { ["$inGroup", "$notInGroup", "$savedGroup"].contains($0.key) || usesSavedGroups($0.value) }
        case .array(let items): items.contains(where: usesSavedGroups)
        case .null, .bool, .number, .string: false
        }
    }
}
