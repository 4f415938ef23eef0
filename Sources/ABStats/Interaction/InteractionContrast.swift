/// One interaction contrast of two concurrent experiments A and B on their overlap: how much
/// B's effect of arm `columnArm` (against B's control) changes when A is in arm `rowArm` instead
/// of A's control. The difference in differences (m_ij − m_i0) − (m_0j − m_00).
public struct InteractionContrast: Hashable, Sendable {
    /// A's arm i ≥ 1 (0 is A's control).
    public let rowArm: Int
    /// B's arm j ≥ 1 (0 is B's control).
    public let columnArm: Int
    /// m_ij − m_i0 − m_0j + m_00.
    public let estimate: Double
    /// √(Σ of the four cells' variances of the mean).
    public let standardError: Double
    /// estimate / standardError.
    public let statistic: Double
    /// Two-sided normal p-value.
    public let pValue: Double
    /// Two-sided normal (Wald) interval at the result's confidence level.
    public let confidenceInterval: ConfidenceInterval
}
