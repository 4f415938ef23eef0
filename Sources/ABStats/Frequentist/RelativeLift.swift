/// Relative lift variant / control − 1 with its delta-method interval.
///
/// With independent group means m_v, m_c whose estimates have variances v_v, v_c, the
/// first-order Taylor expansion of m_v / m_c gives
/// Var(m_v / m_c) ≈ v_v / m_c² + m_v² v_c / m_c⁴.
public enum RelativeLift {
    /// The relative lift and its interval estimate ± critical × se; `nil` when control's mean is 0.
    public static func estimate(
        variantMean: Double, controlMean: Double,
        variantVarianceOfMean: Double, controlVarianceOfMean: Double,
        critical: Double
    ) -> (lift: Double, interval: ConfidenceInterval, standardError: Double)? {
        guard controlMean != 0, controlMean.isFinite, variantMean.isFinite else { return nil }
        let c2 = controlMean * controlMean
        let variance = variantVarianceOfMean / c2 + variantMean * variantMean * controlVarianceOfMean / (c2 * c2)
        guard variance.isFinite, variance >= 0 else { return nil }
        let lift = variantMean / controlMean - 1
        let standardError = variance.squareRoot()
        return (lift, ConfidenceInterval(center: lift, halfWidth: critical * standardError), standardError)
    }
}
