import Foundation

/// Whether one experiment's effect differs between cohorts (signup week, country, platform):
/// Cochran's Q test on per-cohort effect estimates with their standard errors, I², and the
/// fixed- and random-effects (DerSimonian–Laird) pooled effects.
///
/// With weights w_i = 1/se_i², the fixed-effect pooled estimate is ȳ = Σ w_i y_i / Σ w_i with
/// standard error 1/√Σw_i; Q = Σ w_i (y_i − ȳ)² is χ² with k − 1 degrees of freedom when every
/// cohort has the same effect. I² = max(0, (Q − (k − 1)) / Q) is the share of the spread beyond
/// chance; τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)) the between-cohort variance, and the
/// random-effects estimate reweights with 1/(se_i² + τ²). As statsmodels' `combine_effects`
/// (method_re="dl"), except that τ² and I² are truncated at 0 as is conventional.
public struct CohortHeterogeneity: Hashable, Sendable {
    /// Cohorts compared, k ≥ 2.
    public let cohorts: Int
    /// Cochran's Q.
    public let q: Double
    /// k − 1.
    public let degreesOfFreedom: Int
    /// P(χ²_{k−1} ≥ Q): small when the effect differs between cohorts.
    public let pValue: Double
    /// I², in [0, 1).
    public let iSquared: Double
    /// The DerSimonian–Laird between-cohort variance τ², ≥ 0.
    public let tauSquared: Double
    /// The inverse-variance (fixed-effect) pooled effect.
    public let fixedEffect: Double
    /// Its standard error, 1/√Σw.
    public let fixedEffectStandardError: Double
    /// The random-effects pooled effect, weights 1/(se² + τ²).
    public let randomEffect: Double
    /// Its standard error.
    public let randomEffectStandardError: Double

    /// Tests the per-cohort `estimates` (effects on one scale, e.g. absolute differences) with
    /// their `standardErrors`.
    ///
    /// - Throws: `StatsError.invalidParameter` when the arrays differ in length or hold fewer
    ///   than 2 cohorts, an estimate is not finite, or a standard error is not finite and > 0
    ///   (a cohort with no sampling error would get infinite weight), naming the cohort's index.
    public init(estimates: [Double], standardErrors: [Double]) throws {
        guard estimates.count == standardErrors.count else {
            throw StatsError.invalidParameter(
                name: "standardErrors", value: "\(standardErrors.count) values",
                expected: "one standard error per estimate (\(estimates.count) estimates)")
        }
        guard estimates.count >= 2 else {
            throw StatsError.invalidParameter(name: "estimates", value: "\(estimates.count) cohorts", expected: "at least 2 cohorts to compare")
        }
        for (index, (estimate, error)) in zip(estimates, standardErrors).enumerated() {
            try StatsError.requireFinite(estimate, "estimates[\(index)]")
            try StatsError.requirePositive(error, "standardErrors[\(index)]")
        }
        let weights = standardErrors.map { 1 / ($0 * $0) }
        guard weights.allSatisfy(\.isFinite) else {
            throw StatsError.notComputable(
                test: "Cochran's Q", reason: "a standard error is so small that its weight 1/se² overflows; rescale the effects")
        }
        let totalWeight = weights.reduce(0, +)
        let fixed = zip(weights, estimates).map(*).reduce(0, +) / totalWeight
        // Σ w (y − ȳ)² rather than Σ w y² − (Σ w y)²/Σ w, which cancels when the effects agree.
        let q = zip(weights, estimates).map { w, y in w * (y - fixed) * (y - fixed) }.reduce(0, +)
        let df = estimates.count - 1
        let excess = q - Double(df)
        let scale = totalWeight - weights.map { $0 * $0 }.reduce(0, +) / totalWeight
        let tau2 = excess > 0 && scale > 0 ? excess / scale : 0
        let randomWeights = standardErrors.map { 1 / ($0 * $0 + tau2) }
        let randomTotal = randomWeights.reduce(0, +)
        cohorts = estimates.count
        self.q = q
        degreesOfFreedom = df
        pValue = try ChiSquared(degreesOfFreedom: Double(df)).sf(q)
        iSquared = excess > 0 ? excess / q : 0
        tauSquared = tau2
        fixedEffect = fixed
        fixedEffectStandardError = 1 / totalWeight.squareRoot()
        randomEffect = zip(randomWeights, estimates).map(*).reduce(0, +) / randomTotal
        randomEffectStandardError = 1 / randomTotal.squareRoot()
    }

    /// The test on each cohort's comparison with control: its absolute difference and standard error.
    public init(comparisons: [ComparisonResult]) throws {
        try self.init(estimates: comparisons.map(\.absoluteDifference), standardErrors: comparisons.map(\.standardError))
    }
}
