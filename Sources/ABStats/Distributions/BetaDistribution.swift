import Foundation
internal import CGSL

/// The beta distribution Beta(alpha, beta) on [0, 1], the conjugate posterior of a conversion rate.
public struct BetaDistribution: ContinuousDistribution, Hashable {
    /// First shape parameter (> 0).
    public let alpha: Double
    /// Second shape parameter (> 0).
    public let beta: Double

    /// Creates Beta(alpha, beta); throws unless both are finite and > 0.
    public init(alpha: Double, beta: Double) throws {
        try StatsError.requirePositive(alpha, "alpha")
        try StatsError.requirePositive(beta, "beta")
        GSLRuntime.prepare()
        self.alpha = alpha
        self.beta = beta
    }

    /// The mean alpha / (alpha + beta).
    public var mean: Double { alpha / (alpha + beta) }

    /// The variance αβ / ((α+β)²(α+β+1)).
    public var variance: Double {
        let total = alpha + beta
        return alpha * beta / (total * total * (total + 1))
    }

    /// Whether GSL's incomplete beta is accurate for these parameters (see `IncompleteBeta`).
    private var usesGSL: Bool { alpha + beta <= IncompleteBeta.largeParameterThreshold }

    public func pdf(_ x: Double) -> Double {
        guard x > 0, x < 1 else {
            if x == 0 { return alpha < 1 ? .infinity : (alpha == 1 ? beta : 0) }
            if x == 1 { return beta < 1 ? .infinity : (beta == 1 ? alpha : 0) }
            return 0
        }
        return usesGSL ? gsl_ran_beta_pdf(x, alpha, beta) : IncompleteBeta.density(a: alpha, b: beta, x: x)
    }
    public func cdf(_ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return usesGSL ? gsl_cdf_beta_P(x, alpha, beta) : IncompleteBeta.tails(a: alpha, b: beta, x: x).lower
    }
    public func sf(_ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        return usesGSL ? gsl_cdf_beta_Q(x, alpha, beta) : IncompleteBeta.tails(a: alpha, b: beta, x: x).upper
    }

    public func quantile(_ p: Double) throws -> Double {
        try StatsError.requireOpenProbability(p, "p")
        // GSL's inversion returns NaN for posteriors of ~1e9 units; it is only a starting point.
        let start = usesGSL ? gsl_cdf_beta_Pinv(p, alpha, beta) : largeParameterStart(z: gsl_cdf_ugaussian_Pinv(p))
        return try StatsError.checked(refinedQuantile(p, start: start, support: 0 ... 1), "beta quantile")
    }

    public func inverseSF(_ q: Double) throws -> Double {
        try StatsError.requireOpenProbability(q, "q")
        let start = usesGSL ? gsl_cdf_beta_Qinv(q, alpha, beta) : largeParameterStart(z: gsl_cdf_ugaussian_Qinv(q))
        return try StatsError.checked(refinedInverseSF(q, start: start, support: 0 ... 1), "beta inverse survival")
    }

    /// A starting point for the quantile at standard normal quantile `z` when a + b is large.
    ///
    /// GSL's inversion is not used there: it bisects with its own incomplete beta, capped at 512
    /// continued-fraction terms, and for posteriors of ~1e7 units at a rate near ½ it never
    /// settles (issue 15: an analysis spinning for minutes). Such laws are nearly normal, so
    /// mean + z·sd is within a fraction of a standard deviation; where that leaves (0, 1) (few
    /// conversions among very many units) a log-normal step from the mean stays inside. The
    /// safeguarded Newton refinement with ABStats' own incomplete beta does the rest.
    private func largeParameterStart(z: Double) -> Double {
        let sd = variance.squareRoot(), normal = mean + z * sd
        if normal > 0, normal < 1 { return normal }
        return normal <= 0 ? mean * exp(z * sd / mean) : 1 - (1 - mean) * exp(-z * sd / (1 - mean))
    }
}
