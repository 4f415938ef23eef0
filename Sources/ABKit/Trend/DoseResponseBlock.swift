import ABStats

/// The `doseResponse` block of a metric whose variants all declare a dose (messages per week,
/// say) with at least three distinct doses: a quadratic curve through each variant's rate or mean
/// (weights 1/se², standard errors taken as known) and the dose where it peaks — or bottoms out,
/// for a lower-is-better metric — with its delta-method interval.
public struct DoseResponseBlock: Codable, Sendable, Equatable {
    /// Always `quadratic`: level = b₀ + b₁ dose + b₂ dose².
    public var model: DoseResponseFit.Model
    /// b₀, b₁, b₂ of the metric's level (rate or mean) against the dose.
    public var coefficients: [Double]
    /// Their standard errors.
    public var standardErrors: [Double]
    /// Σ w (y − ŷ)² over the doses: large against χ² with doses − 3 df when a quadratic does not fit.
    public var residualChiSquare: Double
    /// The dose with the best fitted level (highest, or lowest for a decrease goal), when the curve
    /// bends that way; absent otherwise (more, or fewer, is always better within the fit).
    public var bestDose: Double?
    /// 1 − alpha interval of `bestDose`.
    public var bestDoseCi: ConfidenceInterval?
    /// The fitted level at `bestDose`.
    public var bestLevel: Double?
    /// Whether `bestDose` lies within the doses tried; outside, it extrapolates the curve.
    public var withinObservedDoses: Bool?
    /// Each variant's dose with its observed level and standard error, for the chart.
    public var points: [DosePoint]
}

/// One variant on the dose–response curve.
public struct DosePoint: Codable, Sendable, Equatable {
    /// The variant key.
    public var key: String
    /// Its dose.
    public var dose: Double
    /// Its rate or mean.
    public var level: Double
    /// The standard error of the level.
    public var standardError: Double
}
