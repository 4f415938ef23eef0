/// The value of a feature for one user, as GrowthBook's `evalFeature` reports it.
public struct FeatureResult: Sendable {
    /// Where a feature value came from.
    public enum Source: String, Sendable, Hashable, CaseIterable {
        /// The payload has no such feature (value `null`).
        case unknownFeature
        /// No rule applied.
        case defaultValue
        /// A force or rollout rule.
        case force
        /// An experiment rule the user is in.
        case experiment
        /// A gating prerequisite failed (value `null`).
        case prerequisite
        /// Prerequisites refer to each other in a cycle (value `null`).
        case cyclicPrerequisite
    }

    /// The feature's value.
    public var value: JSONValue
    /// Where it came from.
    public var source: Source
    /// The id of the rule that gave it, if any.
    public var ruleId: String?
    /// For source ``Source/experiment``: the experiment the rule ran.
    public var experiment: GrowthBookExperiment?
    /// For source ``Source/experiment``: the user's result in it.
    public var experimentResult: ExperimentResult?

    /// Creates a feature result.
    public init(value: JSONValue, source: Source, ruleId: String? = nil, experiment: GrowthBookExperiment? = nil,
                experimentResult: ExperimentResult? = nil) {
        self.value = value
        self.source = source
        self.ruleId = ruleId
        self.experiment = experiment
        self.experimentResult = experimentResult
    }

    /// Whether the value is truthy in JavaScript's sense (GrowthBook's `on`).
    public var on: Bool { JSSemantics.truthy(value) }
}
