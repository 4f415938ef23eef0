import ABStats

extension SummaryAnalyzer {
    /// The quadratic dose–response curve of a rate or mean metric when every variant has a dose
    /// and there are at least three distinct doses; `nil` otherwise (the trend test covers two).
    /// A decrease goal looks for the lowest point: the fit of −level finds its peak.
    func doseResponse(keys: [String], statistics: [VariantStatistics], goal: MetricGoal, notes: inout [String]) -> DoseResponseBlock? {
        guard let doses = options.doses else { return nil }
        let scores = keys.compactMap { doses[$0] }
        guard scores.count == keys.count, Set(scores).count >= 3 else { return nil }
        var points: [DosePoint] = []
        for (key, (dose, stats)) in zip(keys, zip(scores, statistics)) {
            let standardError: Double
            switch stats {
            case let .proportion(sample): standardError = sample.varianceOfRate.squareRoot()
            case let .mean(sample): standardError = sample.varianceOfMean.squareRoot()
            case .ratio, .survival: return nil
            }
            points.append(DosePoint(key: key, dose: dose, level: stats.estimate, standardError: standardError))
        }
        let sign = -goal.worseSign
        do {
            let fit = try DoseResponseFit(
                doses: points.map(\.dose), effects: points.map { sign * $0.level }, standardErrors: points.map(\.standardError), model: .quadratic)
            var block = DoseResponseBlock(
                model: .quadratic, coefficients: fit.coefficients.map { sign * $0 }, standardErrors: fit.standardErrors,
                residualChiSquare: fit.residualChiSquare, points: points)
            do {
                let best = try fit.bestDose(alpha: options.alpha)
                block.bestDose = best.dose
                block.bestDoseCi = best.confidenceInterval
                block.bestLevel = sign * best.netEffect
                block.withinObservedDoses = best.isWithinObservedDoses
            } catch let error as StatsError {
                notes.append("dose-response: \(error.localizedDescription)")
            }
            return block
        } catch let error as StatsError {
            notes.append("dose-response: \(error.localizedDescription)")
            return nil
        } catch {
            return nil
        }
    }
}
