import ABStats

extension SummaryAnalyzer {
    /// The group-sequential design of the options, computed once per analysis; `nil` otherwise.
    func groupDesign() throws -> GroupSequentialDesign? {
        guard let sequential = options.sequential, sequential.method == .group, let looks = sequential.looks else { return nil }
        return try GroupSequentialDesign(looks: looks, alpha: options.alpha, spending: sequential.spendingFunction)
    }

    /// The sequential reading of a variant's comparison: of the CUPED-adjusted one when the
    /// analysis decides on CUPED and the metric has covariates, of the plain one otherwise.
    /// Always-valid blocks get their adjusted p-value and `significant` after the correction.
    func sequentialBlock(for result: VariantResult, controlUnits: Int, design: GroupSequentialDesign?) throws -> SequentialBlock? {
        guard let sequential = options.sequential else { return nil }
        let basis: String
        let estimate: Double, standardError: Double, relativeLift: Double?, relativeStandardError: Double?
        if options.cuped, let cuped = result.cuped {
            basis = "cuped"
            (estimate, standardError) = (cuped.absoluteLift, cuped.comparison.standardError ?? 0)
            (relativeLift, relativeStandardError) = (cuped.relativeLift, cuped.comparison.relativeStandardError)
        } else if let frequentist = result.frequentist, let se = frequentist.standardError, let lift = result.absoluteLift {
            basis = "unadjusted"
            (estimate, standardError) = (lift, se)
            (relativeLift, relativeStandardError) = (result.relativeLift, frequentist.relativeStandardError)
        } else {
            return nil
        }
        guard standardError > 0 else {
            throw StatsError.notComputable(test: "sequential comparison", reason: "the difference has no standard error")
        }
        /// The relative interval at the multiplier `m` of the absolute one.
        func relative(_ m: Double) -> ConfidenceInterval? {
            guard let relativeLift, let relativeStandardError else { return nil }
            return ConfidenceInterval(center: relativeLift, halfWidth: m * relativeStandardError)
        }
        switch sequential.method {
        case .alwaysValid:
            let planned = sequential.plannedUnitsPerVariant ?? 1
            let sequence = try MixtureConfidenceSequence(alpha: options.alpha, plannedUnits: 2 * planned)
            let valid = try sequence.evaluate(estimate: estimate, standardError: standardError, units: controlUnits + result.units)
            let multiplier = (valid.confidenceInterval.upper - estimate) / standardError
            return SequentialBlock(
                method: .alwaysValid, basis: basis, ci: valid.confidenceInterval, relativeCi: relative(multiplier),
                pValue: valid.pValue, adjustedPValue: valid.pValue, significant: valid.pValue < options.alpha,
                plannedUnitsPerVariant: planned)
        case .group:
            guard let design, let look = sequential.look, look >= 1, look <= design.looks else { return nil }
            let z = estimate / standardError
            let boundary = design.boundaries[look - 1]
            return SequentialBlock(
                method: .group, basis: basis, ci: ConfidenceInterval(center: estimate, halfWidth: boundary * standardError),
                relativeCi: relative(boundary), pValue: 2 * Normal.standard.sf(abs(z)), adjustedPValue: nil,
                significant: abs(z) >= boundary, look: look, looks: design.looks, statistic: z, boundary: boundary,
                nominalAlpha: design.nominalAlpha[look - 1], cumulativeAlpha: design.cumulativeAlpha[look - 1])
        }
    }
}
