/// The test that produced a comparison, named as in the result JSON's `test` field.
public enum ComparisonTest: String, Hashable, Sendable, Codable, CaseIterable {
    /// Two-proportion z-test (pooled variance for the statistic, unpooled for the interval).
    case twoProportionZ = "two-proportion-z"
    /// Fisher's exact test on the 2×2 table, with a Newcombe score interval.
    case fisherExact = "fisher-exact"
    /// Welch's unequal-variance t-test.
    case welchT = "welch-t"
    /// Normal z-test of two ratio metrics with delta-method variances.
    case deltaMethodZ = "delta-method-z"
    /// Normal z-test of a difference in restricted mean survival time (Kaplan–Meier areas).
    case restrictedMeanSurvivalZ = "rmst-z"
}

/// The frequentist comparison of one variant with control.
///
/// Differences are variant − control; intervals are two-sided at `confidenceLevel` = 1 − alpha.
public struct ComparisonResult: Hashable, Sendable {
    /// Which test produced the result.
    public let test: ComparisonTest
    /// The test statistic: z, t, or (Fisher) the sample odds ratio; `nil` when undefined (an infinite odds ratio).
    public let statistic: Double?
    /// Degrees of freedom of the t statistic (Welch–Satterthwaite); `nil` for other tests.
    public let degreesOfFreedom: Double?
    /// The p-value under `alternative`.
    public let pValue: Double
    /// The alternative hypothesis the p-value refers to.
    public let alternative: Alternative
    /// 1 − alpha.
    public let confidenceLevel: Double
    /// Control's rate or mean.
    public let controlEstimate: Double
    /// The variant's rate or mean.
    public let variantEstimate: Double
    /// variant − control.
    public let absoluteDifference: Double
    /// Interval of the absolute difference.
    public let confidenceInterval: ConfidenceInterval
    /// Standard error of the absolute difference (unpooled).
    public let standardError: Double
    /// Delta-method standard error of the relative lift; `nil` when control's estimate is 0.
    public let relativeStandardError: Double?
    /// variant / control − 1; `nil` when control's estimate is 0.
    public let relativeLift: Double?
    /// Delta-method interval of the relative lift; `nil` when control's estimate is 0.
    public let relativeConfidenceInterval: ConfidenceInterval?
    /// Units in control.
    public let controlUnits: Int
    /// Units in the variant.
    public let variantUnits: Int
}

/// Validation of the significance level shared by every test.
enum SignificanceLevel {
    /// Throws unless alpha is strictly between 0 and 1.
    static func validate(_ alpha: Double) throws {
        guard alpha.isFinite, alpha > 0, alpha < 1 else {
            throw StatsError.invalidParameter(name: "alpha", value: "\(alpha)", expected: "a number strictly between 0 and 1")
        }
    }

    /// The two-sided normal critical value z with P(|Z| > z) = alpha.
    static func normalCritical(_ alpha: Double) throws -> Double {
        try Normal.standard.inverseSF(alpha / 2)
    }
}
