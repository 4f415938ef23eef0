/// The traffic an experiment receives: how many eligible units arrive per day, which share of
/// them enters the experiment, and how many arms (control included) split it.
///
/// Arms split the experiment's traffic in the calculator's ratio: control gets
/// 1 / (1 + (variants − 1) × ratio) of it and each other arm ratio times that.
public struct TrafficPlan: Hashable, Sendable {
    /// Eligible units per day, > 0 (a daily average may be fractional).
    public let dailyEligibleUnits: Double
    /// Arms, control included, ≥ 2.
    public let variants: Int
    /// The share of eligible units that enters the experiment, in (0, 1].
    public let trafficShare: Double

    /// Creates a plan.
    ///
    /// - Throws: `StatsError.invalidParameter` unless `dailyEligibleUnits` is finite and > 0,
    ///   `variants` ≥ 2 and `trafficShare` lies in (0, 1].
    public init(dailyEligibleUnits: Double, variants: Int = 2, trafficShare: Double = 1) throws {
        try StatsError.requirePositive(dailyEligibleUnits, "dailyEligibleUnits")
        guard variants >= 2 else {
            throw StatsError.invalidParameter(name: "variants", value: "\(variants)", expected: "at least 2 (control and one variant)")
        }
        guard trafficShare.isFinite, trafficShare > 0, trafficShare <= 1 else {
            throw StatsError.invalidParameter(
                name: "trafficShare", value: "\(trafficShare)", expected: "a share in (0, 1] of the eligible units")
        }
        self.dailyEligibleUnits = dailyEligibleUnits
        self.variants = variants
        self.trafficShare = trafficShare
    }

    /// Units entering the experiment per day.
    public var dailyExperimentUnits: Double { dailyEligibleUnits * trafficShare }

    /// Control's expected units after `days` days when each other arm gets `ratio` units per
    /// control unit (`NormalIndPower.ratio`); each other arm has `ratio` times as many.
    public func controlUnits(afterDays days: Double, ratio: Double = 1) -> Double {
        days * dailyExperimentUnits / (1 + Double(variants - 1) * ratio)
    }
}
