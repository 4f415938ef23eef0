internal import CGSL

/// The normal distribution N(mean, sd²).
public struct Normal: ContinuousDistribution, Hashable {
    /// The mean.
    public let mean: Double
    /// The standard deviation (> 0).
    public let standardDeviation: Double

    /// The standard normal distribution N(0, 1).
    public static let standard = Normal(uncheckedMean: 0, standardDeviation: 1)

    /// Creates N(mean, sd²); throws unless `mean` is finite and `standardDeviation` is finite and > 0.
    public init(mean: Double, standardDeviation: Double) throws {
        try StatsError.requireFinite(mean, "mean")
        try StatsError.requirePositive(standardDeviation, "standardDeviation")
        self.init(uncheckedMean: mean, standardDeviation: standardDeviation)
    }

    private init(uncheckedMean mean: Double, standardDeviation: Double) {
        GSLRuntime.prepare()
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    private func z(_ x: Double) -> Double { (x - mean) / standardDeviation }

    public func pdf(_ x: Double) -> Double { gsl_ran_ugaussian_pdf(z(x)) / standardDeviation }
    public func cdf(_ x: Double) -> Double { gsl_cdf_ugaussian_P(z(x)) }
    public func sf(_ x: Double) -> Double { gsl_cdf_ugaussian_Q(z(x)) }

    public func quantile(_ p: Double) throws -> Double {
        try StatsError.requireOpenProbability(p, "p")
        return mean + standardDeviation * (try StatsError.checked(gsl_cdf_ugaussian_Pinv(p), "gsl_cdf_ugaussian_Pinv"))
    }

    public func inverseSF(_ q: Double) throws -> Double {
        try StatsError.requireOpenProbability(q, "q")
        return mean + standardDeviation * (try StatsError.checked(gsl_cdf_ugaussian_Qinv(q), "gsl_cdf_ugaussian_Qinv"))
    }
}
