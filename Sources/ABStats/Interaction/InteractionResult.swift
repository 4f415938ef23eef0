/// The interaction of two concurrent experiments estimated from the k × m table of their
/// overlapping cells: every contrast against the two controls, and the joint Wald test that
/// all (k − 1)(m − 1) of them are zero.
public struct InteractionResult: Hashable, Sendable {
    /// Contrasts for rows 1..<k and columns 1..<m, row by row.
    public let contrasts: [InteractionContrast]
    /// The joint Wald statistic cᵀ V⁻¹ c of all contrasts (V their covariance, which they share through the control cells).
    public let chiSquare: Double
    /// (k − 1)(m − 1).
    public let degreesOfFreedom: Int
    /// P(χ²_df ≥ chiSquare).
    public let pValue: Double
    /// 1 − alpha, the level of the contrasts' intervals.
    public let confidenceLevel: Double
}
