/// The result of running one experiment for one user, with GrowthBook's result fields.
public struct ExperimentResult: Sendable, Hashable {
    /// Whether the user is in the experiment.
    public var inExperiment: Bool
    /// The variation index; 0 when the user is not in the experiment, as in GrowthBook.
    public var variationId: Int
    /// The variation's value (`null` for an experiment without variations).
    public var value: JSONValue
    /// Whether the user was bucketed by hash (not forced).
    public var hashUsed: Bool
    /// The attribute whose value identified the user (the fallback when it was used).
    public var hashAttribute: String
    /// That attribute's value as hashed ("" when missing).
    public var hashValue: String
    /// The user's hash in [0, 1), when bucketing hashed it.
    public var bucket: Double?
    /// The variation key: its meta key, else its index as text.
    public var key: String
    /// The variation's display name, if its meta has one.
    public var name: String?
    /// Whether feature evaluation passes to the next rule for this variation.
    public var passthrough: Bool
    /// Whether a sticky bucket decided (or, when blocked, excluded) the user.
    public var stickyBucketUsed: Bool
    /// Which check decided the result.
    public var reason: ExperimentRunReason

    /// Creates a result.
    public init(
        inExperiment: Bool, variationId: Int, value: JSONValue, hashUsed: Bool, hashAttribute: String,
        hashValue: String, bucket: Double?, key: String, name: String?, passthrough: Bool,
        stickyBucketUsed: Bool, reason: ExperimentRunReason
    ) {
        self.inExperiment = inExperiment
        self.variationId = variationId
        self.value = value
        self.hashUsed = hashUsed
        self.hashAttribute = hashAttribute
        self.hashValue = hashValue
        self.bucket = bucket
        self.key = key
        self.name = name
        self.passthrough = passthrough
        self.stickyBucketUsed = stickyBucketUsed
        self.reason = reason
    }
}
