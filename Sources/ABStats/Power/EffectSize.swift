import Foundation

/// Standardized effect sizes, as statsmodels defines them for `NormalIndPower`.
public enum EffectSize {
    /// Cohen's h = 2 asin √variant − 2 asin √baseline (statsmodels `proportion_effectsize(variant, baseline)`).
    public static func proportions(baseline: Double, variant: Double) throws -> Double {
        try StatsError.requireProbability(baseline, "baseline rate")
        try StatsError.requireProbability(variant, "variant rate")
        return 2 * asin(variant.squareRoot()) - 2 * asin(baseline.squareRoot())
    }

    /// The variant rate whose Cohen's h against `baseline` is `h`; throws when no rate in [0, 1] has it.
    public static func variantRate(baseline: Double, cohensH h: Double) throws -> Double {
        try StatsError.requireProbability(baseline, "baseline rate")
        try StatsError.requireFinite(h, "h")
        let angle = asin(baseline.squareRoot()) + h / 2
        guard angle >= 0, angle <= Double.pi / 2 else {
            throw StatsError.notComputable(
                test: "detectable effect", reason: "no rate in [0, 1] lies h = \(h) away from the baseline \(baseline)")
        }
        let s = sin(angle)
        return min(max(s * s, 0), 1)
    }

    /// d = difference / standard deviation.
    public static func means(difference: Double, standardDeviation: Double) throws -> Double {
        try StatsError.requireFinite(difference, "difference")
        try StatsError.requirePositive(standardDeviation, "standardDeviation")
        return difference / standardDeviation
    }
}
