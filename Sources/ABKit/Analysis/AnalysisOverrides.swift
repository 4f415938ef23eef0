import ABStats

/// Settings given on the command line, which take precedence over the experiment file's
/// `analysis` section; `nil` leaves the file's (or the default) value.
package struct AnalysisOverrides: Sendable, Equatable {
    /// `--alpha`.
    package var alpha: Double?
    /// `--correction`.
    package var correction: MultipleComparisonCorrection?
    /// `--correction-scope`.
    package var correctionScope: AnalysisOptions.CorrectionScope?
    /// `--prior a,b`.
    package var prior: (alpha: Double, beta: Double)?
    /// `--one-sided`.
    package var alternative: Alternative?
    /// `--sequential` (always-valid); `--looks`/`--look`/`--spending` imply `group`.
    package var sequentialMethod: SequentialOptions.Method?
    /// `--planned-units`: units per variant the always-valid interval is tuned for.
    package var plannedUnitsPerVariant: Int?
    /// `--looks`: planned looks of a group-sequential design.
    package var looks: Int?
    /// `--look`: which look this analysis is.
    package var look: Int?
    /// `--spending`: the alpha-spending function.
    package var spending: AlphaSpending?
    /// `--cuped`: decide on the CUPED-adjusted comparison.
    package var cuped: Bool?

    /// No overrides.
    package init(
        alpha: Double? = nil, correction: MultipleComparisonCorrection? = nil,
        correctionScope: AnalysisOptions.CorrectionScope? = nil, prior: (alpha: Double, beta: Double)? = nil,
        alternative: Alternative? = nil, sequentialMethod: SequentialOptions.Method? = nil, plannedUnitsPerVariant: Int? = nil,
        looks: Int? = nil, look: Int? = nil, spending: AlphaSpending? = nil, cuped: Bool? = nil
    ) {
        self.sequentialMethod = sequentialMethod
        self.plannedUnitsPerVariant = plannedUnitsPerVariant
        self.looks = looks
        self.look = look
        self.spending = spending
        self.cuped = cuped
        self.alpha = alpha
        self.correction = correction
        self.correctionScope = correctionScope
        self.prior = prior
        self.alternative = alternative
    }

    /// `base` with every given override applied.
    package func applied(to base: AnalysisOptions) -> AnalysisOptions {
        var options = base
        if let alpha { options.alpha = alpha }
        if let correction { options.correction = correction }
        if let correctionScope { options.correctionScope = correctionScope }
        if let prior { (options.priorAlpha, options.priorBeta) = prior }
        if let alternative { options.alternative = alternative }
        if let cuped { options.cuped = cuped }
        let groupFlags = looks != nil || look != nil || spending != nil
        if sequentialMethod != nil || plannedUnitsPerVariant != nil || groupFlags {
            // A flag of one method switches to it; the file's other sequential settings stay.
            let method = sequentialMethod ?? (groupFlags ? .group : options.sequential?.method ?? .alwaysValid)
            var sequential = options.sequential ?? SequentialOptions(method: method)
            sequential.method = method
            if let plannedUnitsPerVariant { sequential.plannedUnitsPerVariant = plannedUnitsPerVariant }
            if let looks { sequential.looks = looks }
            if let look { sequential.look = look }
            if let spending { sequential.spending = spending }
            options.sequential = sequential
        }
        return options
    }

    package static func == (lhs: AnalysisOverrides, rhs: AnalysisOverrides) -> Bool {
        lhs.alpha == rhs.alpha && lhs.correction == rhs.correction && lhs.correctionScope == rhs.correctionScope
            && lhs.prior?.alpha == rhs.prior?.alpha && lhs.prior?.beta == rhs.prior?.beta && lhs.alternative == rhs.alternative
            && lhs.sequentialMethod == rhs.sequentialMethod && lhs.plannedUnitsPerVariant == rhs.plannedUnitsPerVariant
            && lhs.looks == rhs.looks && lhs.look == rhs.look && lhs.spending == rhs.spending && lhs.cuped == rhs.cuped
    }
}
