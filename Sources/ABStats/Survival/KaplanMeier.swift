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
        var survival = 1.0, greenwood = 0.0
        var steps: [KaplanMeierStep] = []
        for (row, atRisk) in sample.atRiskTable where row.events > 0 {
            let n = Double(atRisk), d = Double(row.events)
            survival *= 1 - d / n
            greenwood += atRisk > row.events ? d / (n * (n - d)) : 0
            let band: ConfidenceInterval
            if survival <= 0 || survival >= 1 {
                band = ConfidenceInterval(lower: survival, upper: survival)
            } else {
                let logSurvival = log(survival)
                let theta = log(-logSurvival), spread = z * greenwood.squareRoot() / abs(logSurvival)
                band = ConfidenceInterval(lower: exp(-exp(theta + spread)), upper: exp(-exp(theta - spread)))
            }
            steps.append(KaplanMeierStep(
                time: row.time, atRisk: atRisk, events: row.events, survival: survival,
                standardError: survival * greenwood.squareRoot(), band: band))
        }
        self.steps = steps
        self.confidenceLevel = 1 - alpha
    }

    /// S(t): 1 before the first event time.
    public func survival(at t: Double) -> Double { step(at: t)?.survival ?? 1 }

    /// The band of S(t); [1, 1] before the first event time.
    public func band(at t: Double) -> ConfidenceInterval {
        step(at: t)?.band ?? ConfidenceInterval(lower: 1, upper: 1)
    }

    /// The median survival time: the first event time where S ≤ 1/2; `nil` when S stays above 1/2.
    public var median: Double? { steps.first { $0.survival <= 0.5 }?.time }

    /// The confidence interval of the median read off the band (the first times where the band's
    /// lower and upper limits reach 1/2, as lifelines); a `nil` end is not reached during follow-up.
    public var medianInterval: (lower: Double?, upper: Double?) {
        (steps.first { $0.band.lower <= 0.5 }?.time, steps.first { $0.band.upper <= 0.5 }?.time)
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
