/// Sufficient statistics of a ratio metric (for example revenue per order, clicks per session)
/// for one group, where both parts are per-unit sums: n, Σnum, Σden, Σnum², Σden², Σnum·den.
///
/// Samples add together, so partial aggregates (per day, per shard) combine exactly.
public struct RatioSample: Hashable, Sendable {
    let sums: PairedSums

    /// The argument names, which errors name unless the caller gives its own.
    public static let argumentNames = PairedSumNames(
        firstSum: "sumNumerator", firstSquares: "sumNumeratorSquares", secondSum: "sumDenominator",
        secondSquares: "sumDenominatorSquares", products: "sumProducts")

    /// Creates a sample; throws a `StatsError.invalidVariant` naming `label` and the field (as
    /// `names` calls it) when the sums are not finite, squares are negative, a sum of squares is
    /// too small for its sum, or the cross term is impossible for the other sums.
    public init(
        units: Int, sumNumerator: Double, sumDenominator: Double,
        sumNumeratorSquares: Double, sumDenominatorSquares: Double, sumProducts: Double,
        label: String = "sample", names: PairedSumNames = argumentNames
    ) throws {
        sums = try PairedSums(
            units: units, first: (sumNumerator, sumNumeratorSquares), second: (sumDenominator, sumDenominatorSquares),
            sumProducts: sumProducts, label: label, names: names)
    }

    private init(sums: PairedSums) { self.sums = sums }

    /// Units (users) in the group; the unit of randomisation, not the denominator count.
    public var units: Int { sums.units }
    /// Σ numerator over units.
    public var sumNumerator: Double { sums.first.sum }
    /// Σ denominator over units.
    public var sumDenominator: Double { sums.second.sum }
    /// Σ numerator².
    public var sumNumeratorSquares: Double { sums.first.sumSquares }
    /// Σ denominator².
    public var sumDenominatorSquares: Double { sums.second.sumSquares }
    /// Σ numerator × denominator.
    public var sumProducts: Double { sums.sumProducts }

    /// The numerator alone, (n, Σnum, Σnum²).
    public var numerator: MeanSample { sums.first }
    /// The denominator alone, (n, Σden, Σden²).
    public var denominator: MeanSample { sums.second }

    /// The ratio Σnum / Σden; `nil` when the denominators sum to 0.
    public var ratio: Double? { sumDenominator != 0 ? sumNumerator / sumDenominator : nil }

    /// The delta-method variance of the ratio estimate; `nil` when the denominators sum to 0.
    ///
    /// With per-unit means m_n, m_d, sample variances s_n², s_d² and covariance s_nd (n − 1
    /// denominators), and R = m_n / m_d, the first-order expansion of R gives
    /// Var(R̂) ≈ (s_n² − 2R s_nd + R² s_d²) / (n m_d²).
    public var varianceOfRatio: Double? {
        guard let r = ratio else { return nil }
        let meanDenominator = denominator.mean
        let spread = numerator.variance - 2 * r * sums.covariance + r * r * denominator.variance
        return max(spread, 0) / (Double(units) * meanDenominator * meanDenominator)
    }

    /// Combines two disjoint samples; throws when the total exceeds `UnitCount.maximum`.
    public static func + (lhs: RatioSample, rhs: RatioSample) throws -> RatioSample {
        RatioSample(sums: try lhs.sums + rhs.sums)
    }
}
