/// Compares two ratio metrics (Σnum / Σden per group) with delta-method variances.
///
/// The difference R_v − R_c has variance Var(R̂_v) + Var(R̂_c) (see `RatioSample.varianceOfRatio`);
/// the statistic z = (R_v − R_c) / se is referred to the standard normal, and the interval is
/// difference ± z_{α/2} se. The relative lift R_v / R_c − 1 uses the delta method again
/// (`RelativeLift`), with the same normal quantile.
public enum RatioComparison {
    /// Compares the variant's ratio with control's.
    ///
    /// - Throws: `StatsError.notComputable` when a group has fewer than 2 units, its denominators
    ///   sum to 0, or the difference has no variance; `StatsError.invalidParameter` for alpha outside (0, 1).
    public static func compare(
        control: RatioSample, variant: RatioSample,
        alpha: Double = 0.05, alternative: Alternative = .twoSided
    ) throws -> ComparisonResult {
        try SignificanceLevel.validate(alpha)
        let parts = try [("control", control), ("variant", variant)].map { label, sample in
            try MeanSample.requireVarianceEstimable(units: sample.units, group: label, test: "ratio comparison")
            guard let ratio = sample.ratio, let variance = sample.varianceOfRatio else {
                throw StatsError.notComputable(test: "ratio comparison", reason: "the \(label) group's denominators sum to 0, so its ratio is undefined")
            }
            return (ratio: ratio, variance: variance)
        }
        let (c, v) = (parts[0], parts[1])
        let standardError = (c.variance + v.variance).squareRoot()
        guard standardError > 0 else {
            throw StatsError.notComputable(test: "ratio comparison", reason: "both ratios have zero variance, so the difference has no standard error")
        }
        let difference = v.ratio - c.ratio
        let z = difference / standardError
        let critical = try SignificanceLevel.normalCritical(alpha)
        let relative = RelativeLift.estimate(
            variantMean: v.ratio, controlMean: c.ratio,
            variantVarianceOfMean: v.variance, controlVarianceOfMean: c.variance, critical: critical)
        return ComparisonResult(
            test: .deltaMethodZ, statistic: z, degreesOfFreedom: nil,
            pValue: alternative.pValue(statistic: z, survival: Normal.standard.sf), alternative: alternative,
            confidenceLevel: 1 - alpha, controlEstimate: c.ratio, variantEstimate: v.ratio, absoluteDifference: difference,
            confidenceInterval: ConfidenceInterval(center: difference, halfWidth: critical * standardError),
            standardError: standardError, relativeStandardError: relative?.standardError,
            relativeLift: relative?.lift, relativeConfidenceInterval: relative?.interval,
            controlUnits: control.units, variantUnits: variant.units)
    }
}
