import ABStats

/// Settings given on the command line, which take precedence over the experiment file's
/// `analysis` section; `nil` leaves the file's (or the default) value.
public struct AnalysisOverrides: Sendable, Equatable {
    /// `--alpha`.
    public var alpha: Double?
    /// `--correction`.
    public var correction: MultipleComparisonCorrection?
    /// `--correction-scope`.
    public var correctionScope: AnalysisOptions.CorrectionScope?
    /// `--prior a,b`.
    public var prior: (alpha: Double, beta: Double)?
    /// `--one-sided`.
    public var alternative: Alternative?

    /// No overrides.
    public init(
        alpha: Double? = nil, correction: MultipleComparisonCorrection? = nil,
        correctionScope: AnalysisOptions.CorrectionScope? = nil, prior: (alpha: Double, beta: Double)? = nil,
        alternative: Alternative? = nil
    ) {
        self.alpha = alpha
        self.correction = correction
        self.correctionScope = correctionScope
        self.prior = prior
        self.alternative = alternative
    }

    /// `base` with every given override applied.
    public func applied(to base: AnalysisOptions) -> AnalysisOptions {
        var options = base
        if let alpha { options.alpha = alpha }
        if let correction { options.correction = correction }
        if let correctionScope { options.correctionScope = correctionScope }
        if let prior { (options.priorAlpha, options.priorBeta) = prior }
        if let alternative { options.alternative = alternative }
        return options
    }

    public static func == (lhs: AnalysisOverrides, rhs: AnalysisOverrides) -> Bool {
        lhs.alpha == rhs.alpha && lhs.correction == rhs.correction && lhs.correctionScope == rhs.correctionScope
            && lhs.prior?.alpha == rhs.prior?.alpha && lhs.prior?.beta == rhs.prior?.beta && lhs.alternative == rhs.alternative
    }
}
