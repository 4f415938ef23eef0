/// CUPED (controlled-experiment using pre-experiment data): the difference of means adjusted
/// by a covariate, with the variance reduction it achieves.
///
/// With pooled within-group sums S_xy = Σ_g Σ(x − x̄_g)(y − ȳ_g) and S_xx = Σ_g Σ(x − x̄_g)²,
///
///     θ = S_xy / S_xx   (0 when the covariate is constant),
///     adjusted mean of group g:  ȳ_g − θ (x̄_g − x̄),   x̄ the mean of x over both groups,
///     adjusted variance of g:    (S_yy,g − 2θ S_xy,g + θ² S_xx,g) / (n_g − 1).
///
/// The adjusted difference equals the treatment coefficient of the OLS regression of y on a
/// treatment indicator and the centred covariate. Its interval and p-value come from Welch's
/// t-test on the adjusted means and variances (θ treated as known, as GrowthBook and Eppo do).
public enum CUPED {
    /// Compares the variant's adjusted mean with control's.
    ///
    /// - Throws: `StatsError.notComputable` when a group has fewer than 2 units or the adjusted
    ///   difference has no variance; `StatsError.invalidParameter` for alpha outside (0, 1).
    public static func compare(
        control: CovariateSample, variant: CovariateSample,
        alpha: Double = 0.05, alternative: Alternative = .twoSided
    ) throws -> CUPEDResult {
        try SignificanceLevel.validate(alpha)
        let sxx = control.covariate.centredSumSquares + variant.covariate.centredSumSquares
        let theta = sxx > 0 ? (control.sums.centredProducts + variant.sums.centredProducts) / sxx : 0
        let overallX = (control.sumX + variant.sumX) / Double(control.units + variant.units)
        let adjusted = try [("control", control), ("variant", variant)].map { label, sample in
            try MeanSample.requireVarianceEstimable(units: sample.units, group: label, test: "CUPED")
            let n = Double(sample.units)
            let sumSquares = sample.outcome.centredSumSquares - 2 * theta * sample.sums.centredProducts
                + theta * theta * sample.covariate.centredSumSquares
            return try MeanSample(
                units: sample.units, mean: sample.sumY / n - theta * (sample.sumX / n - overallX),
                standardDeviation: (max(sumSquares, 0) / (n - 1)).squareRoot(), label: label)
        }
        let comparison = try WelchTTest.compare(control: adjusted[0], variant: adjusted[1], alpha: alpha, alternative: alternative)
        let unadjusted = (control.outcome.varianceOfMean + variant.outcome.varianceOfMean).squareRoot()
        let reduction = unadjusted > 0 ? 1 - (comparison.standardError * comparison.standardError) / (unadjusted * unadjusted) : 0
        return CUPEDResult(
            comparison: comparison, theta: theta,
            unadjustedDifference: variant.sumY / Double(variant.units) - control.sumY / Double(control.units),
            unadjustedStandardError: unadjusted, varianceReduction: reduction)
    }
}

/// The CUPED comparison of one variant with control.
public struct CUPEDResult: Hashable, Sendable {
    /// Welch's t-test on the adjusted means: estimates, difference, interval, p-value and relative lift.
    public let comparison: ComparisonResult
    /// The pooled within-group regression coefficient of y on x.
    public let theta: Double
    /// The difference of the raw means, variant − control.
    public let unadjustedDifference: Double
    /// The standard error of the raw difference.
    public let unadjustedStandardError: Double
    /// 1 − Var(adjusted difference) / Var(raw difference); negative when the covariate hurts.
    public let varianceReduction: Double
}
