/// The two-proportion z-test of a variant's conversion rate against control's.
///
/// The statistic and p-value use the pooled variance, as statsmodels `proportions_ztest`;
/// the interval of the difference uses the unpooled (Wald) variance, as statsmodels
/// `confint_proportions_2indep(method="wald")`.
public enum TwoProportionZTest {
    /// Compares `variant` with `control`. When both rates are 0 or both are 1 the pooled
    /// variance is 0 and the difference is exactly 0, so the statistic is 0 and the p-value 1
    /// (statsmodels returns NaN there).
    public static func compare(
        control: ProportionSample, variant: ProportionSample,
        alpha: Double = 0.05, alternative: Alternative = .twoSided
    ) throws -> ComparisonResult {
        try SignificanceLevel.validate(alpha)
        let pc = control.rate, pv = variant.rate
        let nc = Double(control.units), nv = Double(variant.units)
        let pooled = Double(control.conversions + variant.conversions) / (nc + nv)
        let pooledSE = (pooled * (1 - pooled) * (1 / nc + 1 / nv)).squareRoot()
        let difference = pv - pc
        let z = pooledSE > 0 ? difference / pooledSE : 0
        let pValue = alternative.pValue(statistic: z, survival: Normal.standard.sf)

        let critical = try SignificanceLevel.normalCritical(alpha)
        let unpooledSE = (control.varianceOfRate + variant.varianceOfRate).squareRoot()
        let relative = RelativeLift.estimate(
            variantMean: pv, controlMean: pc,
            variantVarianceOfMean: variant.varianceOfRate, controlVarianceOfMean: control.varianceOfRate,
            critical: critical)
        return ComparisonResult(
            test: .twoProportionZ, statistic: z, degreesOfFreedom: nil, pValue: pValue, alternative: alternative,
            confidenceLevel: 1 - alpha, controlEstimate: pc, variantEstimate: pv, absoluteDifference: difference,
            confidenceInterval: ConfidenceInterval(center: difference, halfWidth: critical * unpooledSE),
            standardError: unpooledSE, relativeStandardError: relative?.standardError,
            relativeLift: relative?.lift, relativeConfidenceInterval: relative?.interval,
            controlUnits: control.units, variantUnits: variant.units)
    }
}
