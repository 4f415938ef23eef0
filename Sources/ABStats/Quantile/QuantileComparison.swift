import Foundation

/// A quantile of one group's per-unit values with its distribution-free interval.
public struct QuantileEstimate: Hashable, Sendable {
    /// The quantile level p in (0, 1); 0.5 is the median.
    public let level: Double
    /// The sample quantile (linear interpolation between order statistics, numpy's default).
    public let estimate: Double
    /// The binomial order-statistic interval at 1 − alpha (scipy's `quantile_test(...).confidence_interval`);
    /// nil when the group is too small for that confidence.
    public let interval: ConfidenceInterval?
    /// Units.
    public let units: Int
}

/// The difference in a quantile (median by default) between two groups of per-unit values, for
/// skewed outcomes such as time to first message open.
public struct QuantileDifference: Hashable, Sendable {
    /// Control's quantile.
    public let control: QuantileEstimate
    /// The variant's quantile.
    public let variant: QuantileEstimate
    /// variant − control.
    public let difference: Double
    /// Standard error of the difference from the two order-statistic intervals (Price–Bonett).
    public let standardError: Double
    /// difference ± z·standardError at 1 − alpha.
    public let confidenceInterval: ConfidenceInterval
    /// Two-sided p-value of z = difference / standardError.
    public let pValue: Double
}

/// Quantiles of per-unit values and their differences, distribution-free.
public enum QuantileComparison {
    /// The level-p quantile of `values` with its 1 − alpha binomial order-statistic interval.
    ///
    /// With B ~ Binomial(n, p) and sorted values x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎, the interval is
    /// [x₍ppf_B(alpha/2) − 1₎, x₍isf_B(alpha/2)₎], exactly as scipy's `quantile_test`; it covers the
    /// population quantile with probability ≥ 1 − alpha for continuous data.
    public static func quantile(_ values: [Double], level: Double = 0.5, alpha: Double = 0.05, label: String = "sample") throws -> QuantileEstimate {
        try StatsError.requireOpenProbability(level, "quantile level")
        try StatsError.requireOpenProbability(alpha, "alpha")
        guard !values.isEmpty else {
            throw StatsError.invalidVariant(variant: label, field: "values", reason: "needs at least one per-unit value")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw StatsError.invalidVariant(variant: label, field: "values[\(bad)]", reason: "must be a finite number (got \(ExactNumber.text(values[bad])))")
        }
        let x = values.sorted()
        let n = x.count
        // numpy's linear method: position (n − 1)p.
        let position = Double(n - 1) * level
        let below = Int(position.rounded(.down))
        let above = min(below + 1, n - 1)
        let estimate = x[below] + (position - Double(below)) * (x[above] - x[below])
        let law = try Binomial(trials: n, probability: level)
        let tail = alpha / 2
        let lowIndex = try law.quantile(tail) - 1
        // isf: the smallest k with P(B > k) ≤ tail.
        let highIndex = discreteQuantile(1, lower: 0, upper: n) { law.sf($0) <= tail ? 1 : 0 }
        let interval = lowIndex >= 0 && highIndex < n ? ConfidenceInterval(lower: x[lowIndex], upper: x[highIndex]) : nil
        return QuantileEstimate(level: level, estimate: estimate, interval: interval, units: n)
    }

    /// The difference variant − control in the level-p quantile, with a 1 − alpha interval.
    ///
    /// Each group's standard error is its order-statistic interval's width / (2z), as in Price and
    /// Bonett (2002, "Distribution-free confidence intervals for difference and ratio of medians");
    /// the difference is normal with the two variances added. The p-value follows `alternative`;
    /// the interval is two-sided at 1 − alpha, as every comparison's.
    public static func difference(
        control: [Double], variant: [Double], level: Double = 0.5, alpha: Double = 0.05, alternative: Alternative = .twoSided
    ) throws -> QuantileDifference {
        let c = try quantile(control, level: level, alpha: alpha, label: "control")
        let v = try quantile(variant, level: level, alpha: alpha, label: "variant")
        guard let ci = c.interval, let vi = v.interval else {
            throw StatsError.notComputable(
                test: "difference in quantiles",
                reason: "a group is too small for an order-statistic interval of the quantile at 1 − alpha = \(1 - alpha)")
        }
        let z = try SignificanceLevel.normalCritical(alpha)
        let se = ((ci.upper - ci.lower) * (ci.upper - ci.lower) + (vi.upper - vi.lower) * (vi.upper - vi.lower)).squareRoot() / (2 * z)
        guard se > 0 else {
            throw StatsError.notComputable(test: "difference in quantiles", reason: "both order-statistic intervals have zero width (ties)")
        }
        let difference = v.estimate - c.estimate
        let statistic = difference / se
        return QuantileDifference(
            control: c, variant: v, difference: difference, standardError: se,
            confidenceInterval: ConfidenceInterval(lower: difference - z * se, upper: difference + z * se),
            pValue: alternative.pValue(statistic: statistic, survival: Normal.standard.sf))
    }
}
