/// One group's estimate for a large-sample normal comparison.
struct NormalEstimate {
    let estimate: Double
    /// The variance of the estimate.
    let variance: Double
    let units: Int
}

/// The z-test of variant − control for two independent, asymptotically normal estimates, with
/// the normal interval and the delta-method relative lift. Shared by the ratio (delta method)
/// and restricted-mean-survival comparisons.
enum NormalDifference {
    /// - Throws: `StatsError.notComputable` (naming `testName`) when both variances are 0.
    static func compare(
        _ test: ComparisonTest, testName: String, control c: NormalEstimate, variant v: NormalEstimate,
        alpha: Double, alternative: Alternative
    ) throws -> ComparisonResult {
        try SignificanceLevel.validate(alpha)
        let standardError = (c.variance + v.variance).squareRoot()
        guard standardError > 0 else {
            throw StatsError.notComputable(test: testName, reason: "both estimates have zero variance, so the difference has no standard error")
        }
        let difference = v.estimate - c.estimate
        let z = difference / standardError
        let critical = try SignificanceLevel.normalCritical(alpha)
        let relative = RelativeLift.estimate(
            variantMean: v.estimate, controlMean: c.estimate,
            variantVarianceOfMean: v.variance, controlVarianceOfMean: c.variance, critical: critical)
        return ComparisonResult(
            test: test, statistic: z, degreesOfFreedom: nil,
            pValue: alternative.pValue(statistic: z, survival: Normal.standard.sf), alternative: alternative,
            confidenceLevel: 1 - alpha, controlEstimate: c.estimate, variantEstimate: v.estimate, absoluteDifference: difference,
            confidenceInterval: ConfidenceInterval(center: difference, halfWidth: critical * standardError),
            standardError: standardError, relativeStandardError: relative?.standardError,
            relativeLift: relative?.lift, relativeConfidenceInterval: relative?.interval,
            controlUnits: c.units, variantUnits: v.units)
    }
}
