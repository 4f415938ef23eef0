/// Why an assignment came out the way it did.
public enum AssignmentReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// Bucketed by hash into a variant.
    case assigned
    /// Forced by an override for this user.
    case forced
    /// The experiment is a draft.
    case notRunning = "not-running"
    /// The experiment is stopped.
    case stopped
    /// The user has no usable value for the hash attribute (nor the fallback).
    case missingHashAttribute = "missing-hash-attribute"
    /// The user failed the targeting condition.
    case targetingFailed = "targeting-failed"
    /// The user is outside this experiment's slot of its namespace.
    case outsideNamespace = "outside-namespace"
    /// The user is in the global holdout.
    case holdout
    /// The user's hash fell outside every variant's range (coverage below 1).
    case outsideCoverage = "outside-coverage"
}
