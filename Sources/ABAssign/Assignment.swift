/// The result of assigning one user to one experiment.
public struct Assignment: Sendable, Hashable {
    /// The experiment id.
    public var experiment: String
    /// The assigned variant's key, or `nil` when the user gets no variant.
    public var variant: String?
    /// The assigned variant's index in the experiment's variant list, or `nil`.
    public var variationIndex: Int?
    /// Whether the user counts as part of the experiment (bucketed or forced).
    public var inExperiment: Bool
    /// The bucketing hash in [0, 1), when the user was hashed into a variant.
    public var hashValue: Double?
    /// The attribute whose value was hashed.
    public var hashAttribute: String
    /// The value that was hashed ("" when none was usable).
    public var hashAttributeValue: String
    /// Why the assignment came out this way.
    public var reason: AssignmentReason
    /// The assigned variant's message payload, for a sender to schedule.
    public var message: JSONValue?

    /// Creates an assignment.
    @inlinable
    public init(
        experiment: String, variant: String?, variationIndex: Int?, inExperiment: Bool, hashValue: Double?,
        hashAttribute: String, hashAttributeValue: String, reason: AssignmentReason, message: JSONValue?
    ) {
        self.experiment = experiment
        self.variant = variant
        self.variationIndex = variationIndex
        self.inExperiment = inExperiment
        self.hashValue = hashValue
        self.hashAttribute = hashAttribute
        self.hashAttributeValue = hashAttributeValue
        self.reason = reason
        self.message = message
    }
}
