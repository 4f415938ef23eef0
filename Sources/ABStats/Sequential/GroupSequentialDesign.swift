import Foundation

/// A two-sided group-sequential design with Lan–DeMets alpha spending: the |z| boundaries
/// at K planned looks that together keep the type I error at alpha.
///
/// With Z_k the z statistic at look k (information fraction t_k), the boundaries c_k solve
///
///     P(|Z_1| < c_1, …, |Z_{k−1}| < c_{k−1}, |Z_k| ≥ c_k) = α(t_k) − α(t_{k−1})
///
/// under the null, where α(t) is the spending function. The probabilities come from the
/// Armitage–McPherson–Rowe recursion: the score S_k = Z_k √t_k is Brownian motion at time t_k,
/// so the sub-density of S_k on the continuation region is the previous one convolved with a
/// N(0, t_k − t_{k−1}) kernel. ABStats evaluates the convolution by Simpson's rule on a grid
/// (spacing at most √(t_k − t_{k−1})/20) and solves for each c_k with GSL's Brent solver.
public struct GroupSequentialDesign: Hashable, Sendable {
    /// The overall two-sided significance level.
    public let alpha: Double
    /// The spending function.
    public let spending: AlphaSpending
    /// Information fractions of the looks, strictly increasing in (0, 1].
    public let informationFractions: [Double]
    /// Two-sided z boundaries: stop at look k when |Z_k| ≥ `boundaries[k]`.
    public let boundaries: [Double]
    /// Alpha spent up to and including each look, α(t_k).
    public let cumulativeAlpha: [Double]

    /// A design with `looks` equally spaced looks (t_k = k / looks).
    public init(looks: Int, alpha: Double = 0.05, spending: AlphaSpending) throws {
        guard looks >= 1, looks <= Self.maximumLooks else {
            throw StatsError.invalidParameter(name: "looks", value: "\(looks)", expected: "a whole number from 1 to \(Self.maximumLooks)")
        }
        try self.init(informationFractions: (1...looks).map { Double($0) / Double(looks) }, alpha: alpha, spending: spending)
    }

    /// A design with looks at the given information fractions (strictly increasing, in (0, 1];
    /// a last fraction below 1 leaves the remaining alpha unspent).
    public init(informationFractions: [Double], alpha: Double = 0.05, spending: AlphaSpending) throws {
        try SignificanceLevel.validate(alpha)
        guard !informationFractions.isEmpty, informationFractions.count <= Self.maximumLooks else {
            throw StatsError.invalidParameter(
                name: "informationFractions", value: "\(informationFractions.count) looks", expected: "1 to \(Self.maximumLooks) looks")
        }
        var previous = 0.0
        for t in informationFractions {
            guard t.isFinite, t > previous, t <= 1 else {
                throw StatsError.invalidParameter(
                    name: "informationFractions", value: "\(informationFractions)", expected: "strictly increasing numbers in (0, 1]")
            }
            previous = t
        }
        let cumulative = try informationFractions.map { try spending.cumulativeAlpha(at: $0, alpha: alpha) }
        self.alpha = alpha
        self.spending = spending
        self.informationFractions = informationFractions
        self.cumulativeAlpha = cumulative
        self.boundaries = try BoundaryRecursion.boundaries(fractions: informationFractions, cumulativeAlpha: cumulative)
    }

    /// The most looks a design may have.
    public static let maximumLooks = 100

    /// Number of looks.
    public var looks: Int { boundaries.count }

    /// The nominal two-sided p-value threshold at each look, 2(1 − Φ(c_k)).
    public var nominalAlpha: [Double] { boundaries.map { 2 * Normal.standard.sf($0) } }

    /// P(the design rejects at some look) when the z statistic at full information has mean
    /// `drift` (0 gives the alpha actually spent).
    public func rejectionProbability(drift: Double) throws -> Double {
        try StatsError.requireFinite(drift, "drift")
        return BoundaryRecursion.rejectionProbability(fractions: informationFractions, boundaries: boundaries, drift: abs(drift))
    }

    /// The drift (mean of the z statistic at full information) at which the design has `power`.
    public func drift(forPower power: Double) throws -> Double {
        try Self.drift(forPower: power, alpha: alpha) {
            BoundaryRecursion.rejectionProbability(fractions: informationFractions, boundaries: boundaries, drift: $0)
        }
    }

    /// How much more information (units) the design needs than a single test at the same alpha
    /// for the same power: (drift of the design / drift of one look)². About 1.025 for five
    /// O'Brien–Fleming looks and 1.21 for five Pocock looks at alpha 0.05 and 80% power.
    public func inflationFactor(power: Double) throws -> Double {
        let c = try Normal.standard.inverseSF(alpha / 2)
        let fixed = try Self.drift(forPower: power, alpha: alpha) { Normal.standard.sf(c - $0) + Normal.standard.cdf(-c - $0) }
        let design = try drift(forPower: power)
        return (design / fixed) * (design / fixed)
    }

    private static func drift(forPower power: Double, alpha: Double, _ rejection: (Double) -> Double) throws -> Double {
        guard power.isFinite, power > alpha, power < 1 else {
            throw StatsError.invalidParameter(name: "power", value: "\(power)", expected: "a number above alpha (\(alpha)) and below 1")
        }
        return try RootFinder.brent({ rejection($0) - power }, in: 0 ... 40, absoluteTolerance: 1e-10, relativeTolerance: 1e-12, name: "drift for power \(power)")
    }

    /// The index of the first look whose |z| reaches its boundary, or `nil` when none does.
    /// `zStatistics` holds the z statistics observed so far, one per look (at most `looks`).
    public func firstCrossing(zStatistics: [Double]) throws -> Int? {
        guard zStatistics.count <= looks else {
            throw StatsError.invalidParameter(
                name: "zStatistics", value: "\(zStatistics.count) values", expected: "at most \(looks) values, one per planned look")
        }
        for (index, z) in zStatistics.enumerated() {
            try StatsError.requireFinite(z, "zStatistics[\(index)]")
            if abs(z) >= boundaries[index] { return index }
        }
        return nil
    }
}
