/// Why ``GrowthBookEvaluator/run(_:)`` gave the result it did, one case per step of
/// GrowthBook's run-experiment checks (in that order).
public enum ExperimentRunReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// Fewer than two variations: nobody is in the experiment.
    case tooFewVariations = "too-few-variations"
    /// Evaluation is turned off (``GrowthBookEvaluator/enabled``).
    case disabled
    /// The evaluator's forced variations name this experiment.
    case forcedVariation = "forced-variation"
    /// A draft, or `active: false`.
    case inactive
    /// The user has no usable value for the hash attribute (nor the fallback).
    case missingHashAttribute = "missing-hash-attribute"
    /// A hash filter left the user out.
    case filteredOut = "filtered-out"
    /// The user is outside the experiment's namespace slot.
    case outsideNamespace = "outside-namespace"
    /// The user failed the targeting condition.
    case targetingFailed = "targeting-failed"
    /// A prerequisite (parent condition) failed, or prerequisites form a cycle.
    case prerequisiteFailed = "prerequisite-failed"
    /// The hash version is neither 1 nor 2.
    case unknownHashVersion = "unknown-hash-version"
    /// The user's sticky bucket is from a version below `minBucketVersion`.
    case stickyBucketBlocked = "sticky-bucket-blocked"
    /// The user's hash fell outside every variation's range.
    case outsideCoverage = "outside-coverage"
    /// The experiment's `force` picked the variation (out of range: not in the experiment).
    case forced
    /// QA mode keeps everyone out.
    case qaMode = "qa-mode"
    /// The experiment is stopped.
    case stopped
    /// Bucketed by hash.
    case assigned
    /// Given the variation stored in the user's sticky bucket.
    case stickyBucket = "sticky-bucket"
}
