import Foundation

/// Fisher's exact test of a 2×2 table (variant and control × converted and not), as scipy `fisher_exact`.
///
/// Conditional on the margins, the variant's conversions follow a hypergeometric law. Its
/// probabilities are built from the mode outwards with the exact ratio
/// p(k+1)/p(k) = (K − k)(n − k) / ((k + 1)(N − K − n + k + 1)) and normalised by their sum,
/// which keeps full relative precision at 1e9 units where log-factorial formulas lose ~1e-9.
/// Terms are added until they fall below 1e-300 of the mode's, so the cost grows with the
/// law's spread, not with the counts. The two-sided p-value sums all tables no more likely
/// than the observed one (with scipy's relative tolerance of 1e-7).
public enum FisherExactTest {
    /// scipy's tolerance when comparing table probabilities with the observed one.
    static let relativeTolerance = 1 + 1e-7

    /// The p-value of observing `variant.conversions` under `alternative`
    /// (`greater`: the variant converts more than control).
    public static func pValue(
        control: ProportionSample, variant: ProportionSample, alternative: Alternative = .twoSided
    ) throws -> Double {
        let law = try Hypergeometric(
            successes: control.conversions + variant.conversions,
            failures: control.nonConversions + variant.nonConversions,
            draws: variant.units)
        let weights = RelativeWeights(law)
        let observed = variant.conversions
        let observedWeight = weights.weight(at: observed)
        var total = 0.0, greater = 0.0, less = 0.0, asExtreme = 0.0
        for (k, weight) in weights.terms {
            total += weight
            if k >= observed { greater += weight }
            if k <= observed { less += weight }
            if weight <= observedWeight * relativeTolerance { asExtreme += weight }
        }
        switch alternative {
        case .greater: return min(1, greater / total)
        case .less: return min(1, less / total)
        case .twoSided: return min(1, asExtreme / total)
        }
    }

    /// Hypergeometric probabilities up to a common factor, with the mode's set to 1.
    private struct RelativeWeights {
        let terms: [(k: Int, weight: Double)]

        init(_ law: Hypergeometric) {
            let successes = Double(law.successes), failures = Double(law.failures), draws = Double(law.draws)
            let population = successes + failures
            let guess = Int(((draws + 1) * (successes + 1) / (population + 2)).rounded(.down))
            let mode = min(max(guess, law.lowerBound), law.upperBound)
            // ratio(k) = p(k + 1) / p(k)
            func ratio(_ k: Int) -> Double {
                let kk = Double(k)
                return (successes - kk) * (draws - kk) / ((kk + 1) * (failures - draws + kk + 1))
            }
            let negligible = 1e-300
            var upward: [(Int, Double)] = [(mode, 1)]
            var weight = 1.0, k = mode
            while k < law.upperBound {
                weight *= ratio(k)
                k += 1
                if weight < negligible { break }
                upward.append((k, weight))
            }
            var downward: [(Int, Double)] = []
            weight = 1.0; k = mode
            while k > law.lowerBound {
                weight /= ratio(k - 1)
                k -= 1
                if weight < negligible { break }
                downward.append((k, weight))
            }
            // Smallest weights first, so the sums lose nothing to rounding.
            terms = (downward + upward).sorted { $0.1 < $1.1 }
        }

        func weight(at k: Int) -> Double { terms.first { $0.k == k }?.weight ?? 0 }
    }

    /// The full comparison: Fisher p-value, sample odds ratio as the statistic, Newcombe
    /// interval of the difference, and the delta-method relative interval when control converts.
    public static func compare(
        control: ProportionSample, variant: ProportionSample,
        alpha: Double = 0.05, alternative: Alternative = .twoSided
    ) throws -> ComparisonResult {
        try SignificanceLevel.validate(alpha)
        let pValue = try pValue(control: control, variant: variant, alternative: alternative)
        let critical = try SignificanceLevel.normalCritical(alpha)
        let oddsRatio = (Double(variant.conversions) * Double(control.nonConversions))
            / (Double(variant.nonConversions) * Double(control.conversions))
        let relative = RelativeLift.estimate(
            variantMean: variant.rate, controlMean: control.rate,
            variantVarianceOfMean: variant.varianceOfRate, controlVarianceOfMean: control.varianceOfRate,
            critical: critical)
        return ComparisonResult(
            test: .fisherExact, statistic: oddsRatio.isFinite ? oddsRatio : nil, degreesOfFreedom: nil,
            pValue: pValue, alternative: alternative, confidenceLevel: 1 - alpha,
            controlEstimate: control.rate, variantEstimate: variant.rate,
            absoluteDifference: variant.rate - control.rate,
            confidenceInterval: WilsonInterval.newcombeDifference(control: control, variant: variant, critical: critical),
            standardError: (control.varianceOfRate + variant.varianceOfRate).squareRoot(),
            relativeStandardError: relative?.standardError,
            relativeLift: relative?.lift, relativeConfidenceInterval: relative?.interval,
            controlUnits: control.units, variantUnits: variant.units)
    }
}
