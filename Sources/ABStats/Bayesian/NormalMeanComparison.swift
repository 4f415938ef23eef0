import Foundation

/// Bayesian comparison of two means with a flat prior and the normal approximation.
///
/// Each group's mean has posterior N(x̄, s²/n), so the difference D = variant − control is
/// N(μ, σ²) with μ = x̄_B − x̄_A and σ² = s_A²/n_A + s_B²/n_B. Then, in closed form,
/// - chance to beat control P(D > 0) = Φ(μ/σ);
/// - expected loss of choosing the variant E[max(−D, 0)] = σ φ(μ/σ) − μ Φ(−μ/σ);
/// - the 1 − alpha credible interval of D is μ ± z σ.
public enum NormalMeanComparison {
    /// Compares a variant's mean with control's.
    public static func compare(control: MeanSample, variant: MeanSample, alpha: Double = 0.05) throws -> BayesianComparison {
        try SignificanceLevel.validate(alpha)
        let difference = try posteriorOfDifference(control: control, variant: variant)
        let mu = difference.mean, sigma = difference.standardDeviation
        let z = mu / sigma
        let critical = try SignificanceLevel.normalCritical(alpha)
        let relative = RelativeLift.estimate(
            variantMean: variant.mean, controlMean: control.mean,
            variantVarianceOfMean: variant.varianceOfMean, controlVarianceOfMean: control.varianceOfMean, critical: critical)
        return BayesianComparison(
            chanceToBeatControl: Normal.standard.sf(-z),
            expectedLoss: expectedShortfall(mu: mu, sigma: sigma),
            expectedLossOfControl: expectedShortfall(mu: -mu, sigma: sigma),
            credibleInterval: ConfidenceInterval(center: mu, halfWidth: critical * sigma),
            relativeCredibleInterval: relative?.interval, credibleLevel: 1 - alpha)
    }

    /// P(group i has the largest mean) for each group, by ∫ φ_i ∏_{j≠i} Φ_j; the values sum to 1.
    public static func chanceToBeBest(_ samples: [MeanSample]) throws -> [Double] {
        try ChanceToBeBest.validate(count: samples.count)
        let laws = try samples.enumerated().map { index, sample in
            try PosteriorIntegrals.Law(posterior(of: sample, label: "group \(index + 1)"))
        }
        return try PosteriorIntegrals().chanceToBeBest(laws)
    }

    /// The flat-prior normal posterior N(x̄, s²/n) of a group's mean.
    public static func posterior(of sample: MeanSample, label: String = "sample") throws -> Normal {
        guard sample.units >= 2 else {
            throw StatsError.invalidVariant(variant: label, field: "units", reason: "at least 2 units are needed to estimate a variance (got \(sample.units))")
        }
        guard sample.varianceOfMean > 0 else {
            throw StatsError.invalidVariant(variant: label, field: "sumSquares", reason: "every unit has the same value, so the mean's posterior has no spread")
        }
        return try Normal(mean: sample.mean, standardDeviation: sample.varianceOfMean.squareRoot())
    }

    /// The posterior N(μ, σ²) of variant − control.
    public static func posteriorOfDifference(control: MeanSample, variant: MeanSample) throws -> Normal {
        for (label, sample) in [("control", control), ("variant", variant)] where sample.units < 2 {
            throw StatsError.invalidVariant(variant: label, field: "units", reason: "at least 2 units are needed to estimate a variance (got \(sample.units))")
        }
        let variance = control.varianceOfMean + variant.varianceOfMean
        guard variance > 0 else {
            throw StatsError.notComputable(
                test: "Bayesian mean comparison", reason: "both groups have zero variance, so the difference has no posterior spread")
        }
        return try Normal(mean: variant.mean - control.mean, standardDeviation: variance.squareRoot())
    }

    /// E[max(−D, 0)] for D ~ N(mu, sigma²): σ φ(μ/σ) − μ Φ(−μ/σ), never below 0.
    static func expectedShortfall(mu: Double, sigma: Double) -> Double {
        let z = mu / sigma
        return max(sigma * Normal.standard.pdf(z) - mu * Normal.standard.sf(z), 0)
    }
}
