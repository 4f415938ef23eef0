import ABSummary
import Foundation
import ABStats

extension SummaryAnalyzer {
    /// The trend across dose-ordered variants of one metric, or nil when the variants carry no
    /// doses or the metric is neither a proportion nor a mean. A test that cannot be computed
    /// leaves a note instead.
    func trend(keys: [String], statistics: [VariantStatistics], notes: inout [String]) -> TrendBlock? {
        guard let doses = options.doses, keys.count >= 2 else { return nil }
        let scores = keys.compactMap { doses[$0] }
        guard scores.count == keys.count else {
            let missing = keys.filter { doses[$0] == nil }
            notes.append("trend: no dose for \(missing.joined(separator: ", "))")
            return nil
        }
        let proportions = statistics.compactMap { if case let .proportion(s) = $0 { s } else { nil } }
        let means = statistics.compactMap { if case let .mean(s) = $0 { s } else { nil } }
        do {
            let test: TrendTestResult
            var posteriors: [(mean: Double, interval: ConfidenceInterval)] = []
            var chances: [Double]?
            if proportions.count == statistics.count {
                test = try TrendTest.cochranArmitage(proportions, scores: scores)
                let model = try BetaBinomialModel(priorAlpha: options.priorAlpha, priorBeta: options.priorBeta)
                let laws = try proportions.map(model.posterior)
                posteriors = try laws.map { ($0.mean, try $0.credibleInterval(alpha: options.alpha)) }
                chances = try? BetaComparison.chanceToBeBest(laws)
            } else if means.count == statistics.count {
                test = try TrendTest.linearContrast(means, scores: scores)
                let laws = try means.map { try NormalMeanComparison.posterior(of: $0) }
                posteriors = try laws.map {
                    ($0.mean, ConfidenceInterval(lower: try $0.quantile(options.alpha / 2), upper: try $0.quantile(1 - options.alpha / 2)))
                }
                chances = try? NormalMeanComparison.chanceToBeBest(means)
            } else {
                return nil
            }
            var best: BestDose?
            if let top = posteriors.indices.max(by: { posteriors[$0].mean < posteriors[$1].mean }) {
                best = BestDose(
                    key: keys[top], dose: scores[top], posteriorMean: posteriors[top].mean,
                    credibleInterval: posteriors[top].interval, chanceToBeBest: chances?[top])
            }
            return TrendBlock(
                test: test.test, statistic: test.statistic, degreesOfFreedom: test.degreesOfFreedom,
                pValue: test.pValue(for: options.alternative), pValueIncreasing: test.pValueIncreasing,
                pValueDecreasing: test.pValueDecreasing, slope: test.slope, slopeStandardError: test.standardError,
                scores: KeyedValues(Array(zip(keys, scores)).map { (key: $0.0, value: $0.1) }), best: best)
        } catch let error as StatsError {
            notes.append("trend: \(error.localizedDescription)")
            return nil
        } catch {
            notes.append("trend: \(error.localizedDescription)")
            return nil
        }
    }
}

extension TrendBlock {
    /// One line for the text report.
    var textLine: String {
        let doses = scores.entries.map { "\($0.key) \(NumberFormatting.number($0.value))" }.joined(separator: ", ")
        let name = test == "cochran-armitage" ? "Cochran–Armitage z" : "linear contrast t"
        let direction = statistic > 0 ? "rising with dose" : statistic < 0 ? "falling with dose" : "flat"
        var line = "trend over dose (\(doses)): \(name) = \(NumberFormatting.number(statistic, digits: 3)), "
            + "p = \(NumberFormatting.pValue(pValue)), \(direction)"
        if let best {
            line += "; best: \(best.key) (dose \(NumberFormatting.number(best.dose))) \(NumberFormatting.number(best.posteriorMean)) "
                + "[\(NumberFormatting.number(best.credibleInterval.lower)), \(NumberFormatting.number(best.credibleInterval.upper))]"
            if let chance = best.chanceToBeBest { line += ", P(best) \(NumberFormatting.number(chance, digits: 3))" }
        }
        return line
    }
}

extension ExperimentSpec {
    /// Each variant's dose, when every variant has one; nil otherwise.
    public var dosesByVariant: [String: Double]? {
        let doses = variants.compactMap { v in v.dose.map { (v.key, $0) } }
        guard !doses.isEmpty, doses.count == variants.count else { return nil }
        return Dictionary(doses, uniquingKeysWith: { first, _ in first })
    }
}
