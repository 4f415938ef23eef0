import Foundation

/// A test for a linear trend across ordered groups (doses, send delays, send hours).
///
/// The statistic is signed: positive when the outcome rises with the score. `pValue` is
/// two-sided; `pValueIncreasing` and `pValueDecreasing` are the one-sided p-values for a
/// rising and a falling trend.
public struct TrendTestResult: Hashable, Sendable {
    /// `cochran-armitage` (proportions) or `linear-contrast` (means).
    public let test: String
    /// z (Cochran–Armitage) or Welch-type t (linear contrast).
    public let statistic: Double
    /// Welch–Satterthwaite degrees of freedom of t; nil for z.
    public let degreesOfFreedom: Double?
    /// Two-sided p-value.
    public let pValue: Double
    /// One-sided p-value against a rising trend (H1: outcome increases with score).
    public let pValueIncreasing: Double
    /// One-sided p-value against a falling trend.
    public let pValueDecreasing: Double
    /// The estimated slope: change in rate (or mean) per unit of score (least squares on the groups).
    public let slope: Double
    /// Standard error of `slope`.
    public let standardError: Double
    /// The scores used, in group order.
    public let scores: [Double]

    /// The p-value for `alternative` (`greater` means a rising trend).
    public func pValue(for alternative: Alternative) -> Double {
        switch alternative {
        case .twoSided: return pValue
        case .greater: return pValueIncreasing
        case .less: return pValueDecreasing
        }
    }
}

/// Trend tests across ordered groups from sufficient statistics.
public enum TrendTest {
    /// Cochran–Armitage test for a linear trend in proportions across groups with `scores`.
    ///
    /// With p̄ = Σx/N and s̄ = Σnᵢsᵢ/N: T = Σxᵢ(sᵢ − s̄), Var(T) = p̄(1 − p̄)·Σnᵢ(sᵢ − s̄)², z = T/√Var(T).
    /// z² equals R's `prop.trend.test` statistic; statsmodels' `Table.test_ordinal_association`
    /// (permutation variance) gives z·√((N − 1)/N).
    public static func cochranArmitage(_ samples: [ProportionSample], scores: [Double]) throws -> TrendTestResult {
        try validate(count: samples.count, scores: scores)
        let n = samples.map { Double($0.units) }
        let x = samples.map { Double($0.conversions) }
        let total = n.reduce(0, +)
        let pooled = x.reduce(0, +) / total
        guard pooled > 0, pooled < 1 else {
            throw StatsError.notComputable(
                test: "Cochran–Armitage trend test",
                reason: pooled == 0 ? "no group has a conversion" : "every unit in every group converted")
        }
        let meanScore = zip(n, scores).map { $0 * $1 }.reduce(0, +) / total
        let centered = scores.map { $0 - meanScore }
        let sxx = zip(n, centered).map { $0 * $1 * $1 }.reduce(0, +)
        guard sxx > 0 else { throw StatsError.notComputable(test: "Cochran–Armitage trend test", reason: "all scores are equal") }
        let t = zip(x, centered).map { $0 * $1 }.reduce(0, +)
        let variance = pooled * (1 - pooled) * sxx
        let z = t / variance.squareRoot()
        let slope = t / sxx
        let se = (pooled * (1 - pooled) / sxx).squareRoot()
        let normal = Normal.standard
        let result = TrendTestResult(
            test: "cochran-armitage", statistic: try StatsError.checked(z, "Cochran–Armitage z"), degreesOfFreedom: nil,
            pValue: Alternative.twoSided.pValue(statistic: z, survival: normal.sf),
            pValueIncreasing: Alternative.greater.pValue(statistic: z, survival: normal.sf),
            pValueDecreasing: Alternative.less.pValue(statistic: z, survival: normal.sf),
            slope: slope, standardError: se, scores: scores)
        return result
    }

    /// Welch-type linear-contrast test for a trend in means across groups with `scores`.
    ///
    /// Contrast weights cᵢ = sᵢ − mean(s) (unweighted, Σcᵢ = 0); L = Σcᵢȳᵢ, SE² = Σcᵢ²vᵢ/nᵢ,
    /// t = L/SE on Welch–Satterthwaite df = SE⁴ / Σ(cᵢ²vᵢ/nᵢ)²/(nᵢ − 1). With two groups this is
    /// Welch's t-test. The slope is L/Σcᵢ², the least-squares slope through the group means.
    public static func linearContrast(_ samples: [MeanSample], scores: [Double]) throws -> TrendTestResult {
        try validate(count: samples.count, scores: scores)
        for (index, sample) in samples.enumerated() where sample.units < 2 {
            throw StatsError.invalidVariant(
                variant: "group \(index + 1)", field: "units", reason: "needs at least 2 units for a variance (got \(sample.units))")
        }
        let meanScore = scores.reduce(0, +) / Double(scores.count)
        let c = scores.map { $0 - meanScore }
        let css = c.map { $0 * $0 }.reduce(0, +)
        guard css > 0 else { throw StatsError.notComputable(test: "linear-contrast trend test", reason: "all scores are equal") }
        let contrast = zip(c, samples).map { $0 * $1.mean }.reduce(0, +)
        let terms = zip(c, samples).map { $0 * $0 * $1.varianceOfMean }
        let variance = terms.reduce(0, +)
        guard variance > 0 else {
            throw StatsError.notComputable(test: "linear-contrast trend test", reason: "every group has zero variance")
        }
        let df = WelchTTest.welchSatterthwaite(terms: terms, units: samples.map(\.units))
        let se = variance.squareRoot()
        let t = try StatsError.checked(contrast / se, "linear-contrast t")
        let law = try StudentT(degreesOfFreedom: try StatsError.checked(df, "Welch–Satterthwaite df"))
        return TrendTestResult(
            test: "linear-contrast", statistic: t, degreesOfFreedom: df,
            pValue: Alternative.twoSided.pValue(statistic: t, survival: law.sf),
            pValueIncreasing: Alternative.greater.pValue(statistic: t, survival: law.sf),
            pValueDecreasing: Alternative.less.pValue(statistic: t, survival: law.sf),
            slope: contrast / css, standardError: se / css, scores: scores)
    }

    /// Throws unless there are at least two groups, one finite score each.
    static func validate(count: Int, scores: [Double]) throws {
        guard count >= 2 else {
            throw StatsError.invalidParameter(name: "number of groups", value: "\(count)", expected: "at least 2 ordered groups")
        }
        guard scores.count == count else {
            throw StatsError.invalidParameter(
                name: "scores", value: "\(scores.count) scores", expected: "one score per group (\(count))")
        }
        for (index, score) in scores.enumerated() where !score.isFinite {
            throw StatsError.invalidParameter(name: "score of group \(index + 1)", value: "\(score)", expected: "a finite number")
        }
    }
}
