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

    /// The prior shapes accepted: 0.001 to 1e9 pseudo-units each.
    ///
    /// Below 0.001 a posterior without conversions (or without non-conversions) keeps almost all
    /// its mass within 1e-300 of 0 or 1, where no double resolves it; above 1e9 the prior
    /// outweighs any experiment a summary can hold short of 1e9 units and is a misprint rather
    /// than a belief (`--prior 100000000,100000000` made the old quadrature spin; 1e308 overflows
    /// a + b). Everything inside is computed in well under a second.
    public static let priorRange: ClosedRange<Double> = 1e-3 ... 1e9

    /// Creates the model with prior Beta(priorAlpha, priorBeta); throws unless both lie in `priorRange`.
    public init(priorAlpha: Double = 1, priorBeta: Double = 1) throws {
        for (name, value) in [("priorAlpha", priorAlpha), ("priorBeta", priorBeta)] where !Self.priorRange.contains(value) {
            throw StatsError.invalidParameter(name: name, value: "\(value)", expected: "a number from 0.001 to 1e9")
        }
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
