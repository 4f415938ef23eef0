import Foundation

/// One step of a Kaplan–Meier curve, at an event time.
public struct KaplanMeierStep: Hashable, Sendable {
    /// The event time.
    public let time: Double
    /// Units at risk just before `time`.
    public let atRisk: Int
    /// Events at `time`.
    public let events: Int
    /// The survival estimate S(t) from `time` until the next step.
    public let survival: Double
    /// Greenwood's standard error of S(t): S √(Σ d/(n(n − d))).
    public let standardError: Double
    /// The pointwise confidence band of S(t) (log(−log) transform, as lifelines).
    public let band: ConfidenceInterval
}

/// The Kaplan–Meier estimate of a survival curve with Greenwood confidence bands.
///
/// S(t) = Π_{t_i ≤ t} (1 − d_i / n_i) over event times t_i with d_i events among n_i at risk.
/// Greenwood's sum V(t) = Σ_{t_i ≤ t} d_i / (n_i (n_i − d_i)) gives Var S ≈ S² V. The band uses
/// the log(−log) transform (lifelines' "exponential Greenwood"): with θ = ln(−ln S) and
/// se_θ = √V / |ln S|, the band is [exp(−e^{θ + z se_θ}), exp(−e^{θ − z se_θ})], z = z_{α/2};
/// it is [S, S] where S is 1 or 0.
public struct KaplanMeierCurve: Hashable, Sendable {
    /// The steps, one per event time, in time order.
    public let steps: [KaplanMeierStep]
    /// 1 − alpha, the level of the bands.
    public let confidenceLevel: Double

    /// Fits the curve to `sample` with bands at 1 − `alpha`.
    public init(_ sample: SurvivalSample, alpha: Double = 0.05) throws {
        try SignificanceLevel.validate(alpha)
        let z = try SignificanceLevel.normalCritical(alpha)
        var product = SurvivalProduct(), greenwood = 0.0
        var steps: [KaplanMeierStep] = []
        var medianTime: Double?
        for (row, atRisk) in sample.atRiskTable where row.events > 0 {
            let n = Double(atRisk), d = Double(row.events)
            product.multiply(survivors: atRisk - row.events, atRisk: atRisk)
            let survival = product.value
            greenwood += atRisk > row.events ? d / (n * (n - d)) : 0
            let band: ConfidenceInterval
            if survival <= 0 || survival >= 1 {
                band = ConfidenceInterval(lower: survival, upper: survival)
            } else {
                let logSurvival = log(survival)
                let theta = log(-logSurvival), spread = z * greenwood.squareRoot() / abs(logSurvival)
                band = ConfidenceInterval(lower: exp(-exp(theta + spread)), upper: exp(-exp(theta - spread)))
            }
            if medianTime == nil, product.isAtMostHalf { medianTime = row.time }
            steps.append(KaplanMeierStep(
                time: row.time, atRisk: atRisk, events: row.events, survival: survival,
                standardError: survival * greenwood.squareRoot(), band: band))
        }
        self.steps = steps
        self.confidenceLevel = 1 - alpha
        self.median = medianTime
    }

    /// S(t): 1 before the first event time.
    public func survival(at t: Double) -> Double { step(at: t)?.survival ?? 1 }

    /// The band of S(t); [1, 1] before the first event time.
    public func band(at t: Double) -> ConfidenceInterval {
        step(at: t)?.band ?? ConfidenceInterval(lower: 1, upper: 1)
    }

    /// The median survival time: the first event time where S ≤ 1/2; `nil` when S stays above 1/2.
    ///
    /// An S of exactly 1/2 counts as reached: the product is kept as an exact fraction while its
    /// terms fit, so the half that a product like 70/71 · … lands on is recognised even where
    /// floating-point multiplication gives 0.5000000000000001 (see `SurvivalProduct`).
    public let median: Double?

    /// The confidence interval of the median read off the band (the first times where the band's
    /// lower and upper limits reach 1/2, as lifelines); a `nil` end is not reached during follow-up.
    ///
    /// A limit within the rounding error of its computation above 1/2 counts as reaching it, as
    /// for the median itself: that error, not the data, would otherwise decide the step.
    public var medianInterval: (lower: Double?, upper: Double?) {
        var lower: Double?, upper: Double?
        for (index, step) in steps.enumerated() {
            // The band goes through the product (one rounding per step) and a log, exp pair.
            let slack = SurvivalProduct.relativeSlack(factors: index + 1) + 16 * Double.ulpOfOne
            if lower == nil, step.band.lower <= 0.5 * (1 + slack) { lower = step.time }
            if upper == nil, step.band.upper <= 0.5 * (1 + slack) { upper = step.time }
        }
        return (lower, upper)
    }

    /// The area under the curve from 0 to `horizon`: the restricted mean survival time, with
    /// its variance Σ_{t_i ≤ horizon} A_i² d_i / (n_i (n_i − d_i)), A_i = ∫_{t_i}^{horizon} S.
    public func restrictedMean(horizon: Double) throws -> (estimate: Double, variance: Double) {
        try StatsError.requirePositive(horizon, "horizon")
        let inside = steps.filter { $0.time <= horizon }
        // Areas of the pieces after each step, accumulated from the horizon backwards.
        var tail = 0.0, variance = 0.0
        for (index, step) in inside.enumerated().reversed() {
            let end = index + 1 < inside.count ? inside[index + 1].time : horizon
            tail += step.survival * (end - step.time)
            if step.atRisk > step.events {
                let n = Double(step.atRisk), d = Double(step.events)
                variance += tail * tail * d / (n * (n - d))
            }
        }
        let firstEvent = inside.first?.time ?? horizon
        return (tail + firstEvent, variance)
    }

    private func step(at t: Double) -> KaplanMeierStep? {
        // The last step with time ≤ t.
        var low = 0, high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].time <= t { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? steps[low - 1] : nil
    }
}
