/// A continuous probability distribution evaluated through GSL.
///
/// `sf` is the survival function P(X > x), computed directly rather than as `1 - cdf`,
/// so that tail probabilities stay accurate far below machine epsilon (down to about 1e-300).
public protocol ContinuousDistribution: Sendable {
    /// Probability density at `x`.
    func pdf(_ x: Double) -> Double
    /// Cumulative distribution function P(X ≤ x).
    func cdf(_ x: Double) -> Double
    /// Survival function P(X > x), accurate in the upper tail.
    func sf(_ x: Double) -> Double
    /// The value x with P(X ≤ x) = p, for p in (0, 1).
    func quantile(_ p: Double) throws -> Double
    /// The value x with P(X > x) = q, for q in (0, 1); accurate for tiny q.
    func inverseSF(_ q: Double) throws -> Double
}

/// A discrete probability distribution on the non-negative integers, evaluated through GSL.
public protocol DiscreteDistribution: Sendable {
    /// Probability mass P(X = k).
    func pmf(_ k: Int) -> Double
    /// P(X ≤ k).
    func cdf(_ k: Int) -> Double
    /// P(X > k), computed directly so that it stays accurate in the upper tail.
    func sf(_ k: Int) -> Double
    /// The smallest k with P(X ≤ k) ≥ p, for p in [0, 1].
    func quantile(_ p: Double) throws -> Int
}
