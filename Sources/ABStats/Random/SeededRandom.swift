internal import CGSL

/// A seeded, reproducible source of random draws, backed by GSL's Mersenne Twister.
///
/// The same seed gives the same sequence on every machine, so simulations, Thompson sampling
/// and validation tests are repeatable. The GSL generator is owned by this object and freed
/// with it; the class is not thread-safe (use one per task).
public final class SeededRandom {
    private let generator: UnsafeMutablePointer<gsl_rng>

    /// Creates a generator seeded with `seed`.
    public init(seed: UInt64) {
        GSLRuntime.prepare()
        guard let created = gsl_rng_alloc(abkit_rng_mt19937()) else {
            // Allocation of a few kilobytes failed: nothing sensible can continue.
            fatalError("GSL could not allocate a random number generator")
        }
        generator = created
        // GSL seeds with an unsigned long; fold the high bits in so that distinct 64-bit seeds differ.
        gsl_rng_set(generator, UInt(truncatingIfNeeded: seed ^ (seed >> 32)))
    }

    deinit { gsl_rng_free(generator) }

    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// Uniform on (0, 1), never 0 (for logarithms).
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

    /// A uniformly chosen integer in 0..<upperBound (upperBound ≥ 1).
    public func integer(below upperBound: Int) -> Int {
        Int(gsl_rng_uniform_int(generator, UInt(max(1, upperBound))))
    }

    /// True with probability `probability`.
    public func bernoulli(_ probability: Double) -> Bool { gsl_rng_uniform(generator) < probability }

    /// A normal draw with the given mean and standard deviation.
    public func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        mean + gsl_ran_gaussian_ziggurat(generator, standardDeviation)
    }

    /// A log-normal draw: exp of a normal with parameters `mu` and `sigma`.
    public func logNormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(generator, mu, sigma) }

    /// An exponential draw with the given mean.
    public func exponential(mean: Double) -> Double { gsl_ran_exponential(generator, mean) }

    /// A binomial draw: successes in `trials` trials of probability `probability`.
    public func binomial(trials: Int, probability: Double) -> Int {
        Int(gsl_ran_binomial(generator, min(max(probability, 0), 1), UInt32(clamping: trials)))
    }

    /// A Poisson draw with the given mean.
    public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(generator, max(mean, 0))) }

    /// A Beta(alpha, beta) draw.
    public func beta(alpha: Double, beta: Double) -> Double { gsl_ran_beta(generator, alpha, beta) }
}
