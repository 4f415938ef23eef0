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

    public func pdf(_ x: Double) -> Double { gsl_ran_beta_pdf(x, alpha, beta) }
    public func cdf(_ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return gsl_cdf_beta_P(x, alpha, beta)
    }
    public func sf(_ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        return gsl_cdf_beta_Q(x, alpha, beta)
    }

    public func quantile(_ p: Double) throws -> Double {
        try StatsError.requireOpenProbability(p, "p")
        return try StatsError.checked(gsl_cdf_beta_Pinv(p, alpha, beta), "gsl_cdf_beta_Pinv")
    }

    public func inverseSF(_ q: Double) throws -> Double {
        try StatsError.requireOpenProbability(q, "q")
        return try StatsError.checked(gsl_cdf_beta_Qinv(q, alpha, beta), "gsl_cdf_beta_Qinv")
    }
}
