internal import CGSL

/// The chi-square distribution with `degreesOfFreedom` (> 0).
public struct ChiSquared: ContinuousDistribution, Hashable {
    /// Degrees of freedom.
    public let degreesOfFreedom: Double

    /// Creates χ²(k); throws unless k is finite and > 0.
    public init(degreesOfFreedom: Double) throws {
        try StatsError.requirePositive(degreesOfFreedom, "degreesOfFreedom")
        GSLRuntime.prepare()
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func pdf(_ x: Double) -> Double { gsl_ran_chisq_pdf(x, degreesOfFreedom) }
    public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : gsl_cdf_chisq_P(x, degreesOfFreedom) }
    public func sf(_ x: Double) -> Double { x <= 0 ? 1 : gsl_cdf_chisq_Q(x, degreesOfFreedom) }

    public func quantile(_ p: Double) throws -> Double {
        try StatsError.requireOpenProbability(p, "p")
        let start = gsl_cdf_chisq_Pinv(p, degreesOfFreedom)
        return try StatsError.checked(refinedQuantile(p, start: start, support: 0 ... .infinity), "chi-square quantile")
    }

    public func inverseSF(_ q: Double) throws -> Double {
        try StatsError.requireOpenProbability(q, "q")
        let start = gsl_cdf_chisq_Qinv(q, degreesOfFreedom)
        return try StatsError.checked(refinedInverseSF(q, start: start, support: 0 ... .infinity), "chi-square inverse survival")
    }
}
