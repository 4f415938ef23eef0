import Foundation

/// One-sided non-inferiority tests of a variant against control with a margin: is the variant
/// at most `margin` worse than control, in the direction its goal says is worse?
///
/// Every test is a Wald-type statistic shifted to the null boundary, with the matching one-sided
/// bound, so that the p-value is below alpha exactly when the bound clears the threshold.
public enum NonInferiorityTest {
    /// Two conversion rates, on the absolute difference or the relative lift.
    ///
    /// - Absolute: z = (Δ ∓ margin) / √(p_v(1 − p_v)/n_v + p_c(1 − p_c)/n_c), bound Δ ∓ z_{1−α} se.
    /// - Relative: on r = p_v / p_c, z = (ln r − ln(1 ∓ margin)) / se with
    ///   se² = 1/x_v − 1/n_v + 1/x_c − 1/n_c, and the bound exp(ln r ∓ z_{1−α} se) − 1.
    ///
    /// - Throws: `StatsError.invalidParameter` for a margin that is not finite and > 0 (and < 1
    ///   for a relative margin under goal `increase`, since a rate cannot fall by 100% or more)
    ///   or an alpha outside (0, 1); `StatsError.notComputable` when the standard error is 0
    ///   (both rates 0 or both 1) or, for the relative scale, a group has no conversion or
    ///   control converts every unit.
    public static func proportions(
        control: ProportionSample, variant: ProportionSample, margin: Double, scale: MarginScale = .absolute,
        goal: MetricGoal = .increase, alpha: Double = 0.05
    ) throws -> NonInferiorityResult {
        try SignificanceLevel.validate(alpha)
        try validate(margin: margin, scale: scale, goal: goal)
        let pc = control.rate, pv = variant.rate
        switch scale {
        case .absolute:
            let standardError = (control.varianceOfRate + variant.varianceOfRate).squareRoot()
            guard standardError > 0 else {
                throw StatsError.notComputable(
                    test: "non-inferiority of rates",
                    reason: "each group's rate is 0 or 1 (control \(pc), variant \(pv)), so the difference has no standard error")
            }
            return try normalResult(
                method: .proportionDifferenceWald, goal: goal, scale: scale, margin: margin, control: pc, variant: pv,
                effect: pv - pc, standardError: standardError, alpha: alpha)
        case .relative:
            for (label, sample) in [("control", control), ("variant", variant)] where sample.conversions == 0 {
                throw StatsError.notComputable(
                    test: "relative non-inferiority of rates",
                    reason: "the \(label) group has no conversion, so the log of the rate ratio is undefined; use an absolute margin")
            }
            let variance = 1 / Double(variant.conversions) - 1 / Double(variant.units)
                + 1 / Double(control.conversions) - 1 / Double(control.units)
            guard variance > 0 else {
                throw StatsError.notComputable(
                    test: "relative non-inferiority of rates",
                    reason: "both groups convert every unit, so the rate ratio has no standard error")
            }
            let logRatio = log(pv) - log(pc)
            let sign = goal.worseSign
            let z = (logRatio - log1p(sign * margin)) / variance.squareRoot()
            let critical = try Normal.standard.inverseSF(alpha)
            return NonInferiorityResult(
                method: .proportionRatioLog, goal: goal, scale: scale, margin: margin, threshold: sign * margin,
                controlEstimate: pc, variantEstimate: pv, effect: expm1(logRatio), standardError: variance.squareRoot(),
                statistic: z, degreesOfFreedom: nil, pValue: goal.oneSidedPValue(z, survival: Normal.standard.sf),
                alpha: alpha, bound: expm1(logRatio + sign * critical * variance.squareRoot()))
        }
    }

    /// Two means by Welch's t-test shifted by the margin: t = (Δ ∓ margin) / se with
    /// se² = s_v²/n_v + s_c²/n_c and Welch–Satterthwaite degrees of freedom; the bound is
    /// Δ ∓ t_{1−α, df} se. The margin is absolute (in the metric's units).
    ///
    /// - Throws: `StatsError.invalidParameter` for a margin that is not finite and > 0 or an
    ///   alpha outside (0, 1); `StatsError.notComputable` when a group has fewer than 2 units or
    ///   both have zero variance.
    public static func means(
        control: MeanSample, variant: MeanSample, margin: Double, goal: MetricGoal = .increase, alpha: Double = 0.05
    ) throws -> NonInferiorityResult {
        try SignificanceLevel.validate(alpha)
        try validate(margin: margin, scale: .absolute, goal: goal)
        let test = "non-inferiority of means (Welch)"
        for (label, sample) in [("control", control), ("variant", variant)] {
            try MeanSample.requireVarianceEstimable(units: sample.units, group: label, test: test)
        }
        let terms = [control.varianceOfMean, variant.varianceOfMean]
        let standardError = terms.reduce(0, +).squareRoot()
        guard standardError > 0 else {
            throw StatsError.notComputable(test: test, reason: "both groups have zero variance, so the difference has no standard error")
        }
        let degreesOfFreedom = WelchTTest.welchSatterthwaite(terms: terms, units: [control.units, variant.units])
        let law = try StudentT(degreesOfFreedom: degreesOfFreedom)
        let sign = goal.worseSign, effect = variant.mean - control.mean
        let t = (effect - sign * margin) / standardError
        return NonInferiorityResult(
            method: .welchT, goal: goal, scale: .absolute, margin: margin, threshold: sign * margin,
            controlEstimate: control.mean, variantEstimate: variant.mean, effect: effect, standardError: standardError,
            statistic: t, degreesOfFreedom: degreesOfFreedom, pValue: goal.oneSidedPValue(t, survival: law.sf),
            alpha: alpha, bound: effect + sign * (try law.inverseSF(alpha)) * standardError)
    }

    /// The z-test of an absolute effect against ∓margin with its one-sided bound.
    private static func normalResult(
        method: NonInferiorityMethod, goal: MetricGoal, scale: MarginScale, margin: Double, control: Double, variant: Double,
        effect: Double, standardError: Double, alpha: Double
    ) throws -> NonInferiorityResult {
        let sign = goal.worseSign
        let z = (effect - sign * margin) / standardError
        return NonInferiorityResult(
            method: method, goal: goal, scale: scale, margin: margin, threshold: sign * margin,
            controlEstimate: control, variantEstimate: variant, effect: effect, standardError: standardError,
            statistic: z, degreesOfFreedom: nil, pValue: goal.oneSidedPValue(z, survival: Normal.standard.sf),
            alpha: alpha, bound: effect + sign * (try Normal.standard.inverseSF(alpha)) * standardError)
    }

    private static func validate(margin: Double, scale: MarginScale, goal: MetricGoal) throws {
        try StatsError.requirePositive(margin, "margin")
        // A relative fall of 100% or more is no margin: the ratio's log at the boundary is undefined.
        if scale == .relative, goal == .increase, margin >= 1 {
            throw StatsError.invalidParameter(
                name: "margin", value: "\(margin)", expected: "a relative margin below 1 (a rate cannot fall by 100% or more)")
        }
    }
}
