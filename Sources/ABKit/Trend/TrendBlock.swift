import ABSummary
import ABStats

/// The `trend` block of a metric: a trend test across variants ordered by their `dose`
/// (send delay, send hour), and the variant with the highest posterior mean.
///
/// Present only when every variant of the experiment file carries a numeric `dose`.
public struct TrendBlock: Codable, Sendable, Equatable {
    /// `cochran-armitage` (proportions) or `linear-contrast` (means, Welch-type).
    public var test: String
    /// z (Cochran–Armitage) or t (linear contrast); positive when the metric rises with the dose.
    public var statistic: Double
    /// Welch–Satterthwaite degrees of freedom, for the linear contrast.
    public var degreesOfFreedom: Double?
    /// The p-value under the analysis' alternative (two-sided unless `--one-sided`, which tests a rising trend).
    public var pValue: Double
    /// One-sided p-value for a metric rising with the dose.
    public var pValueIncreasing: Double
    /// One-sided p-value for a metric falling with the dose.
    public var pValueDecreasing: Double
    /// Least-squares change in rate (or mean) per unit of dose.
    public var slope: Double
    /// Standard error of `slope`.
    public var slopeStandardError: Double
    /// The dose of each variant, in the metric's variant order.
    public var scores: KeyedValues<Double>
    /// The variant with the highest posterior mean (the best send time), when computable.
    public var best: BestDose?
}

/// The variant with the highest posterior mean of a dose-ordered metric.
public struct BestDose: Codable, Sendable, Equatable {
    /// The variant key.
    public var key: String
    /// Its dose.
    public var dose: Double
    /// Posterior mean of its rate (Beta posterior) or mean (flat-prior normal posterior).
    public var posteriorMean: Double
    /// Equal-tailed 1 − alpha credible interval of its rate or mean.
    public var credibleInterval: ConfidenceInterval
    /// P(this variant is the best of all), by exact quadrature.
    public var chanceToBeBest: Double?
}
