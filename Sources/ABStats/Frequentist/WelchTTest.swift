/// Welch's unequal-variance t-test from summary statistics, as scipy
/// `ttest_ind_from_stats(equal_var=False)`, with Welch–Satterthwaite degrees of freedom.
public enum WelchTTest {
    /// Compares the variant's mean with control's. The interval of the difference uses the
    /// t quantile at the same degrees of freedom; the relative interval uses the delta method
    /// with that quantile too.
    public static func compare(
        control: MeanSample, variant: MeanSample,
        alpha: Double = 0.05, alternative: Alternative = .twoSided
    ) throws -> ComparisonResult {
        try SignificanceLevel.validate(alpha)
        for (label, sample) in [("control", control), ("variant", variant)] {
            try MeanSample.requireVarianceEstimable(units: sample.units, group: label, test: "Welch's t-test")
        }
        let vc = control.varianceOfMean, vv = variant.varianceOfMean
        let standardError = (vc + vv).squareRoot()
        guard standardError > 0 else {
            throw StatsError.notComputable(
                test: "Welch's t-test", reason: "both groups have zero variance, so the difference has no standard error")
        }
        let degreesOfFreedom = Self.welchSatterthwaite(terms: [vc, vv], units: [control.units, variant.units])
        let law = try StudentT(degreesOfFreedom: degreesOfFreedom)
        let difference = variant.mean - control.mean
        let t = difference / standardError
        let pValue = alternative.pValue(statistic: t, survival: law.sf)
        let critical = try law.inverseSF(alpha / 2)
        let relative = RelativeLift.estimate(
            variantMean: variant.mean, controlMean: control.mean,
            variantVarianceOfMean: vv, controlVarianceOfMean: vc, critical: critical)
        return ComparisonResult(
            test: .welchT, statistic: t, degreesOfFreedom: degreesOfFreedom, pValue: pValue, alternative: alternative,
            confidenceLevel: 1 - alpha, controlEstimate: control.mean, variantEstimate: variant.mean,
            absoluteDifference: difference,
            confidenceInterval: ConfidenceInterval(center: difference, halfWidth: critical * standardError),
            standardError: standardError, relativeStandardError: relative?.standardError,
            relativeLift: relative?.lift, relativeConfidenceInterval: relative?.interval,
            controlUnits: control.units, variantUnits: variant.units)
    }

    /// Welch–Satterthwaite degrees of freedom of a sum of independent variance terms, each
    /// estimated from `units` values: (Σ vᵢ)² / Σ vᵢ²/(nᵢ − 1). Shared by Welch's t-test (two
    /// groups) and the linear-contrast trend test (weighted terms of k groups).
    static func welchSatterthwaite(terms: [Double], units: [Int]) -> Double {
        let total = terms.reduce(0, +)
        let denominator = zip(terms, units).map { $0 * $0 / Double($1 - 1) }.reduce(0, +)
        return total * total / denominator
    }
}
