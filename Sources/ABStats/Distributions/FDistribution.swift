internal import CGSL

/// Fisher's F distribution with numerator and denominator degrees of freedom.
public struct FDistribution: ContinuousDistribution, Hashable {
    /// Numerator degrees of freedom.
    public let numeratorDegreesOfFreedom: Double
    /// Denominator degrees of freedom.
    public let denominatorDegreesOfFreedom: Double

    /// Creates F(d1, d2); throws unless both are finite and > 0.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) throws {
        try StatsError.requirePositive(numeratorDegreesOfFreedom, "numeratorDegreesOfFreedom")
        try StatsError.requirePositive(denominatorDegreesOfFreedom, "denominatorDegreesOfFreedom")
        GSLRuntime.prepare()
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    public func pdf(_ x: Double) -> Double {
        gsl_ran_fdist_pdf(x, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom)
    }
    public func cdf(_ x: Double) -> Double {
        x <= 0 ? 0 : gsl_cdf_fdist_P(x, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom)
    }
    public func sf(_ x: Double) -> Double {
        x <= 0 ? 1 : gsl_cdf_fdist_Q(x, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom)
    }

    public func quantile(_ p: Double) throws -> Double {
        try StatsError.requireOpenProbability(p, "p")
        let start = gsl_cdf_fdist_Pinv(p, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom)
        return try StatsError.checked(refinedQuantile(p, start: start, support: 0 ... .infinity), "F quantile")
    }

    public func inverseSF(_ q: Double) throws -> Double {
        try StatsError.requireOpenProbability(q, "q")
        let start = gsl_cdf_fdist_Qinv(q, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom)
        return try StatsError.checked(refinedInverseSF(q, start: start, support: 0 ... .infinity), "F inverse survival")
    }
}
