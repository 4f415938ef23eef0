internal import CGSL

/// The binomial distribution: successes in `trials` independent trials with success probability `probability`.
public struct Binomial: DiscreteDistribution, Hashable {
    /// Number of trials (≥ 0).
    public let trials: Int
    /// Success probability of each trial, in [0, 1].
    public let probability: Double

    /// Creates Binomial(n, p); throws unless n ≥ 0, n fits GSL's unsigned int, and p is in [0, 1].
    public init(trials: Int, probability: Double) throws {
        guard trials >= 0, trials <= Int(UInt32.max) else {
            throw StatsError.invalidParameter(name: "trials", value: "\(trials)", expected: "an integer in 0...\(UInt32.max)")
        }
        try StatsError.requireProbability(probability, "probability")
        GSLRuntime.prepare()
        self.trials = trials
        self.probability = probability
    }

    public func pmf(_ k: Int) -> Double {
        guard k >= 0, k <= trials else { return 0 }
        return gsl_ran_binomial_pdf(UInt32(k), probability, UInt32(trials))
    }

    public func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if k >= trials { return 1 }
        return gsl_cdf_binomial_P(UInt32(k), probability, UInt32(trials))
    }

    public func sf(_ k: Int) -> Double {
        if k < 0 { return 1 }
        if k >= trials { return 0 }
        return gsl_cdf_binomial_Q(UInt32(k), probability, UInt32(trials))
    }

    public func quantile(_ p: Double) throws -> Int {
        try StatsError.requireProbability(p, "p")
        return discreteQuantile(p, lower: 0, upper: trials, cdf: cdf)
    }
}

/// The smallest k in lower...upper with cdf(k) ≥ p, by bisection on a monotone cdf.
func discreteQuantile(_ p: Double, lower: Int, upper: Int, cdf: (Int) -> Double) -> Int {
    var low = lower, high = upper
    while low < high {
        let middle = low + (high - low) / 2
        if cdf(middle) >= p { high = middle } else { low = middle + 1 }
    }
    return low
}
