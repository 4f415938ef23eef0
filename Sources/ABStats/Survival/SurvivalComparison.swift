/// The log-rank test of two survival curves.
public struct LogRankResult: Hashable, Sendable {
    /// The chi-squared statistic (O − E)² / V for the variant, 1 degree of freedom.
    public let statistic: Double
    /// The p-value P(χ²₁ > statistic).
    public let pValue: Double
    /// Observed events in the variant.
    public let observedVariantEvents: Int
    /// Events expected in the variant under equal hazards.
    public let expectedVariantEvents: Double
}

/// Comparisons of time-to-event outcomes between a variant and control.
public enum SurvivalComparison {
    /// The log-rank test: at each distinct event time t with d events among n at risk (n_v in
    /// the variant), E_v = d n_v / n and V = d (n_v/n)(1 − n_v/n)(n − d)/(n − 1); the statistic is
    /// (Σ(O_v − E_v))² / ΣV against χ² with 1 degree of freedom.
    ///
    /// - Throws: `StatsError.notComputable` when no event has been observed in either group.
    public static func logRank(control: SurvivalSample, variant: SurvivalSample) throws -> LogRankResult {
        let pooled = SurvivalSample.pooled(control, variant).atRiskTable
        let variantTable = variant.atRiskTable
        var cursor = 0
        var observed = 0.0, expected = 0.0, variance = 0.0
        for (row, atRisk) in pooled where row.events > 0 {
            // The variant's units at risk at time t are those whose own time is ≥ t.
            while cursor < variantTable.count && variantTable[cursor].row.time < row.time { cursor += 1 }
            let here = cursor < variantTable.count ? variantTable[cursor] : nil
            let nv = Double(here?.atRisk ?? 0)
            let dv = here.map { $0.row.time == row.time ? Double($0.row.events) : 0 } ?? 0
            let n = Double(atRisk), d = Double(row.events)
            observed += dv
            expected += d * nv / n
            if atRisk > 1 { variance += d * (nv / n) * (1 - nv / n) * (n - d) / (n - 1) }
        }
        guard variance > 0 else {
            throw StatsError.notComputable(test: "log-rank test", reason: "no event was observed while both groups had units at risk")
        }
        let statistic = (observed - expected) * (observed - expected) / variance
        return LogRankResult(
            statistic: statistic, pValue: try ChiSquared(degreesOfFreedom: 1).sf(statistic),
            observedVariantEvents: variant.events, expectedVariantEvents: expected)
    }

    /// The difference in restricted mean survival time up to `horizon`, variant − control, with a
    /// normal interval and p-value from the Greenwood-type variances of the two areas (see
    /// `KaplanMeierCurve.restrictedMean`), and the delta-method relative difference.
    ///
    /// - Throws: `StatsError.notComputable` when both areas have zero variance;
    ///   `StatsError.invalidParameter` for a horizon that is not > 0 or alpha outside (0, 1).
    public static func restrictedMeanDifference(
        control: SurvivalSample, variant: SurvivalSample, horizon: Double,
        alpha: Double = 0.05, alternative: Alternative = .twoSided
    ) throws -> ComparisonResult {
        let c = try KaplanMeierCurve(control, alpha: alpha).restrictedMean(horizon: horizon)
        let v = try KaplanMeierCurve(variant, alpha: alpha).restrictedMean(horizon: horizon)
        return try NormalDifference.compare(
            .restrictedMeanSurvivalZ, testName: "restricted mean survival time",
            control: NormalEstimate(estimate: c.estimate, variance: c.variance, units: control.units),
            variant: NormalEstimate(estimate: v.estimate, variance: v.variance, units: variant.units),
            alpha: alpha, alternative: alternative)
    }
}
