/// One arm of an experiment.
public struct Variant: Sendable, Hashable {
    /// The variant key reported in assignments ("one-hour").
    public var key: String
    /// The share of covered traffic the variant gets, before normalization.
    public var weight: Double
    /// Whether this is the control arm.
    public var isControl: Bool
    /// What to send to users in this variant (channel, delay or send time, …), if anything.
    public var message: JSONValue?

    /// Creates a variant.
    public init(key: String, weight: Double, isControl: Bool = false, message: JSONValue? = nil) {
        self.key = key
        self.weight = weight
        self.isControl = isControl
        self.message = message
    }
}
