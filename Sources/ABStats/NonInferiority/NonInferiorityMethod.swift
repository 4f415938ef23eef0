/// The method behind a non-inferiority result, named after the statsmodels call it matches.
public enum NonInferiorityMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// Wald z-test of the difference of two rates with unpooled variance
    /// (statsmodels `test_proportions_2indep(compare="diff", method="wald")`).
    case proportionDifferenceWald = "proportion-difference-wald"
    /// Wald z-test of the log ratio of two rates, variance 1/x₁ − 1/n₁ + 1/x₂ − 1/n₂
    /// (statsmodels `test_proportions_2indep(compare="ratio", method="log")`).
    case proportionRatioLog = "proportion-ratio-log"
    /// Welch's t-test shifted by the margin (statsmodels `ttest_ind(usevar="unequal", value=…)`).
    case welchT = "welch-t"
}
