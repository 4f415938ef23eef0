import Foundation

/// Power of the two-sample z-test, in statsmodels' `NormalIndPower` convention.
///
/// Sample 1 is control with `nobs1` units and sample 2 the variant with `nobs2 = ratio × nobs1`.
/// With a standardized effect size d and n = 1 / (1/nobs1 + 1/nobs2), statsmodels'
/// `normal_power` gives
/// - `larger` (`Alternative.greater`): S(z₁₋α − d√n);
/// - `smaller` (`Alternative.less`): Φ(z_α − d√n);
/// - `two-sided`: S(z₁₋α/2 − d√n) + Φ(z_α/2 − d√n), the far rejection tail included.
/// Solving for units or effect size uses Brent's method on that same function, started from the
/// closed form that ignores the far tail (exact for one-sided tests).
public struct NormalIndPower: Hashable, Sendable {
    /// Significance level.
    public let alpha: Double
    /// nobs2 / nobs1: variant units per control unit.
    public let ratio: Double
    /// The alternative hypothesis (`greater` is statsmodels' `larger`, `less` its `smaller`).
    public let alternative: Alternative

    /// Creates the calculator; throws unless alpha is in (0, 1) and ratio is finite and > 0.
    public init(alpha: Double = 0.05, ratio: Double = 1, alternative: Alternative = .twoSided) throws {
        try SignificanceLevel.validate(alpha)
        try StatsError.requirePositive(ratio, "ratio")
        self.alpha = alpha
        self.ratio = ratio
        self.alternative = alternative
    }

    /// The effective sample size 1 / (1/nobs1 + 1/nobs2).
    func effectiveUnits(_ nobs1: Double) -> Double { nobs1 * ratio / (1 + ratio) }

    /// Power for `effectSize` with `nobs1` control units (a real number; statsmodels' `power`).
    public func power(effectSize: Double, nobs1: Double) throws -> Double {
        try StatsError.requireFinite(effectSize, "effectSize")
        try StatsError.requirePositive(nobs1, "nobs1")
        return uncheckedPower(effectSize: effectSize, nobs1: nobs1)
    }

    private func uncheckedPower(effectSize: Double, nobs1: Double) -> Double {
        let shift = effectSize * effectiveUnits(nobs1).squareRoot()
        let z = Normal.standard
        switch alternative {
        case .greater: return z.sf(criticalUpper - shift)
        case .less: return z.cdf(-criticalUpper - shift)
        case .twoSided: return z.sf(criticalUpper - shift) + z.cdf(-criticalUpper - shift)
        }
    }

    /// z with P(Z > z) = alpha (one-sided) or alpha/2 (two-sided).
    private var criticalUpper: Double {
        try! Normal.standard.inverseSF(alternative == .twoSided ? alpha / 2 : alpha)
    }

    /// The control units nobs1 (a real number) at which the test reaches `power` for `effectSize`.
    public func nobs1(effectSize: Double, power: Double) throws -> Double {
        try validateTarget(power)
        try validateDirection(effectSize)
        // Closed form without the far tail: √n = (z₁₋α′ + z_power) / |d|; the far tail only adds power.
        let root = (criticalUpper + (try Normal.standard.quantile(power))) / abs(effectSize)
        let guess = root * root * (1 + ratio) / ratio
        // An effect of ~1e-150 or less needs more units than a Double holds; the bracket
        // below would start at infinity and the root search never end.
        guard guess.isFinite, guess < 1e300 else {
            throw StatsError.notComputable(
                test: "units for power", reason: "the effect size \(effectSize) is too small: it needs more than 1e300 units")
        }
        var upper = guess * (1 + 1e-9) + 1e-9
        while uncheckedPower(effectSize: effectSize, nobs1: upper) < power { upper *= 2 }
        return try RootFinder.brent(
            { uncheckedPower(effectSize: effectSize, nobs1: $0) - power }, in: 0 ... upper,
            absoluteTolerance: 1e-300, relativeTolerance: 1e-14, name: "units for power")
    }

    /// The smallest effect size (positive, or negative for `less`) that `nobs1` control units
    /// detect with probability `power`.
    public func detectableEffectSize(nobs1: Double, power: Double) throws -> Double {
        try validateTarget(power)
        try StatsError.requirePositive(nobs1, "nobs1")
        let sign: Double = alternative == .less ? -1 : 1
        let guess = (criticalUpper + (try Normal.standard.quantile(power))) / effectiveUnits(nobs1).squareRoot()
        var upper = guess * (1 + 1e-9) + 1e-300
        while uncheckedPower(effectSize: sign * upper, nobs1: nobs1) < power { upper *= 2 }
        let size = try RootFinder.brent(
            { uncheckedPower(effectSize: sign * $0, nobs1: nobs1) - power }, in: 0 ... upper,
            absoluteTolerance: 1e-300, relativeTolerance: 1e-14, name: "detectable effect size")
        return sign * size
    }

    /// The power must exceed alpha (reached with no units at all) and stay below 1.
    private func validateTarget(_ power: Double) throws {
        guard power.isFinite, power > alpha, power < 1 else {
            throw StatsError.invalidParameter(name: "power", value: "\(power)", expected: "a probability above alpha = \(alpha) and below 1")
        }
    }

    /// A one-sided test can only detect an effect in its own direction.
    private func validateDirection(_ effectSize: Double) throws {
        try StatsError.requireFinite(effectSize, "effectSize")
        let valid = switch alternative {
        case .twoSided: effectSize != 0
        case .greater: effectSize > 0
        case .less: effectSize < 0
        }
        guard valid else {
            let expected = switch alternative {
            case .twoSided: "a nonzero effect"
            case .greater: "a positive effect (the one-sided test looks for an increase)"
            case .less: "a negative effect (the one-sided test looks for a decrease)"
            }
            throw StatsError.invalidParameter(name: "effectSize", value: "\(effectSize)", expected: expected)
        }
    }
}
