internal import CGSL

/// The hypergeometric distribution: successes among `draws` items drawn without replacement
/// from a population of `successes` successes and `failures` failures (the null distribution
/// of Fisher's exact test).
public struct Hypergeometric: DiscreteDistribution, Hashable {
    /// Successes in the population.
    public let successes: Int
    /// Failures in the population.
    public let failures: Int
    /// Items drawn.
    public let draws: Int

    /// Creates the distribution; throws unless all counts are ≥ 0, fit GSL's unsigned int, and draws ≤ population.
    public init(successes: Int, failures: Int, draws: Int) throws {
        for (name, value) in [("successes", successes), ("failures", failures), ("draws", draws)] {
            guard value >= 0, value <= Int(UInt32.max) else {
                throw StatsError.invalidParameter(name: name, value: "\(value)", expected: "an integer in 0...\(UInt32.max)")
            }
        }
        guard draws <= successes + failures else {
            throw StatsError.invalidParameter(
                name: "draws", value: "\(draws)", expected: "at most the population size \(successes + failures)")
        }
        GSLRuntime.prepare()
        self.successes = successes
        self.failures = failures
        self.draws = draws
    }

    /// Smallest possible number of successes drawn.
    public var lowerBound: Int { max(0, draws - failures) }
    /// Largest possible number of successes drawn.
    public var upperBound: Int { min(draws, successes) }

    public func pmf(_ k: Int) -> Double {
        guard k >= lowerBound, k <= upperBound else { return 0 }
        return gsl_ran_hypergeometric_pdf(UInt32(k), UInt32(successes), UInt32(failures), UInt32(draws))
    }

    public func cdf(_ k: Int) -> Double {
        if k < lowerBound { return 0 }
        if k >= upperBound { return 1 }
        return gsl_cdf_hypergeometric_P(UInt32(k), UInt32(successes), UInt32(failures), UInt32(draws))
    }

    public func sf(_ k: Int) -> Double {
        if k < lowerBound { return 1 }
        if k >= upperBound { return 0 }
        return gsl_cdf_hypergeometric_Q(UInt32(k), UInt32(successes), UInt32(failures), UInt32(draws))
    }

    public func quantile(_ p: Double) throws -> Int {
        try StatsError.requireProbability(p, "p")
        return discreteQuantile(p, lower: lowerBound, upper: upperBound, cdf: cdf)
    }
}
