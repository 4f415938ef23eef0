/// The Bayesian comparison of a variant with control on one metric.
public struct BayesianComparison: Hashable, Sendable {
    /// P(variant > control) under the posterior.
    public let chanceToBeatControl: Double
    /// E[max(control − variant, 0)]: the expected shortfall, in the metric's units, of choosing
    /// the variant when control is in fact better.
    public let expectedLoss: Double
    /// E[max(variant − control, 0)]: the expected shortfall of keeping control.
    public let expectedLossOfControl: Double
    /// Equal-tailed 1 − alpha credible interval of the difference variant − control.
    public let credibleInterval: ConfidenceInterval
    /// Delta-method 1 − alpha interval of variant / control − 1; `nil` when control's mean is 0.
    public let relativeCredibleInterval: ConfidenceInterval?
    /// The credible level 1 − alpha.
    public let credibleLevel: Double
}
