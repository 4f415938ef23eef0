internal import CGSL

/// Student's t distribution with `degreesOfFreedom` (> 0, not necessarily whole).
public struct StudentT: ContinuousDistribution, Hashable {
    /// Degrees of freedom.
    public let degreesOfFreedom: Double

    /// Creates t(ν); throws unless ν is finite and > 0.
    public init(degreesOfFreedom: Double) throws {
        try StatsError.requirePositive(degreesOfFreedom, "degreesOfFreedom")
        GSLRuntime.prepare()
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func pdf(_ x: Double) -> Double { gsl_ran_tdist_pdf(x, degreesOfFreedom) }
    public func cdf(_ x: Double) -> Double { gsl_cdf_tdist_P(x, degreesOfFreedom) }
    public func sf(_ x: Double) -> Double { gsl_cdf_tdist_Q(x, degreesOfFreedom) }

    public func quantile(_ p: Double) throws -> Double {
        try StatsError.requireOpenProbability(p, "p")
        let start = gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
        return try StatsError.checked(refinedQuantile(p, start: start, support: -.infinity ... .infinity), "t quantile")
    }

    public func inverseSF(_ q: Double) throws -> Double {
        try StatsError.requireOpenProbability(q, "q")
        let start = gsl_cdf_tdist_Qinv(q, degreesOfFreedom)
        return try StatsError.checked(refinedInverseSF(q, start: start, support: -.infinity ... .infinity), "t inverse survival")
    }
}
