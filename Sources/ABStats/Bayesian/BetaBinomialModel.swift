/// The Beta-Binomial model of a conversion rate: a Beta(a, b) prior updated with binomial counts.
///
/// With prior Beta(a, b) and c conversions among n units, the posterior of the rate is
/// Beta(a + c, b + n − c).
public struct BetaBinomialModel: Hashable, Sendable {
    /// Prior Beta shape a (pseudo-conversions).
    public let priorAlpha: Double
    /// Prior Beta shape b (pseudo-non-conversions).
    public let priorBeta: Double

    /// The uniform prior Beta(1, 1).
    public static let uniform = try! BetaBinomialModel(priorAlpha: 1, priorBeta: 1)

    /// Creates the model with prior Beta(priorAlpha, priorBeta); throws unless both are finite and > 0.
    public init(priorAlpha: Double = 1, priorBeta: Double = 1) throws {
        try StatsError.requirePositive(priorAlpha, "priorAlpha")
        try StatsError.requirePositive(priorBeta, "priorBeta")
        self.priorAlpha = priorAlpha
        self.priorBeta = priorBeta
    }

    /// The posterior Beta(a + conversions, b + units − conversions) of a group's rate.
    public func posterior(_ sample: ProportionSample) throws -> BetaDistribution {
        try BetaDistribution(alpha: priorAlpha + Double(sample.conversions), beta: priorBeta + Double(sample.nonConversions))
    }

    /// The posterior of `conversions` among `units`; throws `invalidVariant` naming `label` when the counts are inconsistent.
    public func posterior(units: Int, conversions: Int, label: String = "sample") throws -> BetaDistribution {
        try posterior(ProportionSample(units: units, conversions: conversions, label: label))
    }
}
