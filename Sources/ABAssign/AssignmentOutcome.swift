/// The decision of an assignment without its strings: index, inclusion, hash and reason.
public struct AssignmentOutcome: Sendable, Hashable {
    /// The assigned variant's index, or `nil` when the user gets no variant.
    public var variationIndex: Int?
    /// Whether the user counts as part of the experiment.
    public var inExperiment: Bool
    /// The bucketing hash, when the user was hashed into a variant.
    public var hashValue: Double?
    /// Why.
    public var reason: AssignmentReason

    /// Creates an outcome.
    @inlinable
    public init(variationIndex: Int?, inExperiment: Bool, hashValue: Double?, reason: AssignmentReason) {
        self.variationIndex = variationIndex
        self.inExperiment = inExperiment
        self.hashValue = hashValue
        self.reason = reason
    }
}
