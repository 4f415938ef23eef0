import ABStats

/// The `cuped` block of a variant: the comparison with control adjusted by the pre-exposure
/// covariate (θ from the pooled within-group regression of the metric on the covariate).
///
/// Encoded flat: θ, the variance reduction and the adjusted means and lifts, beside the fields of
/// a `frequentist` block (`test`, `statistic`, `pValue`, `adjustedPValue`, `ci`, `relativeCi`, ...)
/// for Welch's t-test on the adjusted means.
public struct CUPEDBlock: Codable, Sendable, Equatable {
    /// The pooled within-group regression coefficient of the metric on the covariate.
    public var theta: Double
    /// 1 − Var(adjusted difference) / Var(unadjusted difference); negative when the covariate hurts.
    public var varianceReduction: Double
    /// The variant's adjusted mean (rate), ȳ − θ(x̄ − x̄ of both groups).
    public var adjustedMean: Double
    /// Control's adjusted mean (rate).
    public var controlAdjustedMean: Double
    /// Adjusted variant − control.
    public var absoluteLift: Double
    /// Adjusted variant / control − 1; absent when control's adjusted mean is 0.
    public var relativeLift: Double?
    /// P(variant > control) under a flat prior and the normal approximation of the adjusted difference.
    public var chanceToBeatControl: Double
    /// Welch's t-test on the adjusted means (p-values, intervals, standard errors).
    public var comparison: FrequentistBlock

    private enum CodingKeys: String, CodingKey {
        case theta, varianceReduction, adjustedMean, controlAdjustedMean, absoluteLift, relativeLift, chanceToBeatControl
    }

    /// Creates a block.
    public init(
        theta: Double, varianceReduction: Double, adjustedMean: Double, controlAdjustedMean: Double, absoluteLift: Double,
        relativeLift: Double?, chanceToBeatControl: Double, comparison: FrequentistBlock
    ) {
        self.theta = theta
        self.varianceReduction = varianceReduction
        self.adjustedMean = adjustedMean
        self.controlAdjustedMean = controlAdjustedMean
        self.absoluteLift = absoluteLift
        self.relativeLift = relativeLift
        self.chanceToBeatControl = chanceToBeatControl
        self.comparison = comparison
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            theta: try c.decode(Double.self, forKey: .theta), varianceReduction: try c.decode(Double.self, forKey: .varianceReduction),
            adjustedMean: try c.decode(Double.self, forKey: .adjustedMean),
            controlAdjustedMean: try c.decode(Double.self, forKey: .controlAdjustedMean),
            absoluteLift: try c.decode(Double.self, forKey: .absoluteLift), relativeLift: try c.decodeIfPresent(Double.self, forKey: .relativeLift),
            chanceToBeatControl: try c.decode(Double.self, forKey: .chanceToBeatControl), comparison: try FrequentistBlock(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try comparison.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(theta, forKey: .theta)
        try c.encode(varianceReduction, forKey: .varianceReduction)
        try c.encode(adjustedMean, forKey: .adjustedMean)
        try c.encode(controlAdjustedMean, forKey: .controlAdjustedMean)
        try c.encode(absoluteLift, forKey: .absoluteLift)
        try c.encodeIfPresent(relativeLift, forKey: .relativeLift)
        try c.encode(chanceToBeatControl, forKey: .chanceToBeatControl)
    }
}
