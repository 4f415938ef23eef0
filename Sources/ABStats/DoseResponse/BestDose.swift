/// The dose with the best fitted net effect, from a quadratic `DoseResponseFit`.
public struct BestDose: Hashable, Sendable {
    /// d* = (costPerDose − b₁) / (2 b₂).
    public let dose: Double
    /// Delta-method standard error of d*.
    public let standardError: Double
    /// d* ± z_{α/2} se (normal, delta method).
    public let confidenceInterval: ConfidenceInterval
    /// The fitted net effect at d*.
    public let netEffect: Double
    /// Whether d* lies within the doses observed; outside, it is an extrapolation of the curve.
    public let isWithinObservedDoses: Bool
}
