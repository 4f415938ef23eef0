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
        let start = gsl_cdf_beta_Pinv(p, alpha, beta)
        return try StatsError.checked(refinedQuantile(p, start: start, support: 0 ... 1), "beta quantile")
    }

    public func inverseSF(_ q: Double) throws -> Double {
        try StatsError.requireOpenProbability(q, "q")
        let start = gsl_cdf_beta_Qinv(q, alpha, beta)
        return try StatsError.checked(refinedInverseSF(q, start: start, support: 0 ... 1), "beta inverse survival")
    }
}
