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
        let parts = try [("control", control), ("variant", variant)].map { label, sample in
            try MeanSample.requireVarianceEstimable(units: sample.units, group: label, test: "ratio comparison")
            guard let ratio = sample.ratio, let variance = sample.varianceOfRatio else {
                throw StatsError.notComputable(test: "ratio comparison", reason: "the \(label) group's denominators sum to 0, so its ratio is undefined")
            }
            return NormalEstimate(estimate: ratio, variance: variance, units: sample.units)
        }
        return try NormalDifference.compare(
            .deltaMethodZ, testName: "ratio comparison", control: parts[0], variant: parts[1], alpha: alpha, alternative: alternative)
    }
}
