extension BetaDistribution {
    /// The equal-tailed 1 − alpha credible interval [q(alpha/2), q(1 − alpha/2)].
    ///
    /// The upper end is taken from the survival function, so it keeps full precision when the
    /// posterior hugs 1 (every unit converted).
    public func credibleInterval(alpha: Double = 0.05) throws -> ConfidenceInterval {
        try SignificanceLevel.validate(alpha)
        return ConfidenceInterval(lower: try quantile(alpha / 2), upper: try inverseSF(alpha / 2))
    }
}
