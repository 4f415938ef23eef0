/// How long an experiment must run: the days until every arm has the units the power analysis asks for.
public struct ExperimentDuration: Hashable, Sendable {
    /// Whole days needed: the smallest d with d × daily experiment units ≥ `totalUnits`.
    public let days: Int
    /// The units per arm the days were planned for.
    public let sampleSize: SampleSize
    /// Units across all arms (control's whole units plus each other arm's).
    public let totalUnits: Int
    /// The traffic the days were computed for.
    public let traffic: TrafficPlan
}

extension PowerCalculator {
    /// The days an experiment needs to detect `lift` with probability `power` given `traffic`:
    /// ⌈total units / (daily eligible units × traffic share)⌉, the total summing control's
    /// rounded-up units and each other arm's (each arm compared with control at the test's alpha;
    /// pass a corrected alpha to the test for several comparisons).
    ///
    /// - Throws: what `sampleSize(lift:power:)` throws, and `StatsError.notComputable` when the
    ///   total exceeds `UnitCount.maximum` or the days exceed it (traffic far too small).
    public func duration(lift: Lift, power: Double, traffic: TrafficPlan) throws -> ExperimentDuration {
        let size = try sampleSize(lift: lift, power: power)
        let total = try size.totalUnits(variants: traffic.variants)
        let exact = Double(total) / traffic.dailyExperimentUnits
        // Ignore the last bits of floating-point noise: 12.000000000000002 days are 12 days.
        let days = (exact * (1 - 4 * Double.ulpOfOne)).rounded(.up)
        guard days <= Double(UnitCount.maximum) else {
            throw StatsError.notComputable(
                test: "experiment duration",
                reason: "\(total) units at \(traffic.dailyExperimentUnits) a day take more than \(UnitCount.maximum) days: plan for more traffic or a larger effect")
        }
        return ExperimentDuration(days: max(Int(days), 1), sampleSize: size, totalUnits: total, traffic: traffic)
    }

    /// The smallest lift detectable with probability `power` after `days` days of `traffic`,
    /// control then having days × daily experiment units / (1 + (variants − 1) × ratio) units.
    ///
    /// - Throws: `StatsError.invalidParameter` unless `days` ≥ 1, and what
    ///   `minimumDetectableEffect(nobs1:power:)` throws.
    public func minimumDetectableEffect(afterDays days: Int, power: Double, traffic: TrafficPlan) throws -> DetectableEffect {
        guard days >= 1 else {
            throw StatsError.invalidParameter(name: "days", value: "\(days)", expected: "at least 1 day")
        }
        return try minimumDetectableEffect(nobs1: traffic.controlUnits(afterDays: Double(days), ratio: test.ratio), power: power)
    }
}
