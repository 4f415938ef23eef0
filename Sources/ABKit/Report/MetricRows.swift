import ABStats
/// The per-variant cells that the text and Markdown reports both show, formatted once.
struct MetricRow {
    let variant: String
    let units: String
    let estimate: String
    let lift: String
    let interval: String
    let pValue: String
    let adjustedPValue: String
    let chanceToBeat: String
    let test: String
    /// +1 when the variant wins significantly, −1 when it loses, 0 otherwise.
    let direction: Int

    static func rows(for metric: MetricResult, alpha: Double) -> [MetricRow] {
        metric.variants.enumerated().map { index, variant in
            let isProportion = metric.type == .proportion
            let estimate = isProportion ? NumberFormatting.percent(variant.mean) : NumberFormatting.number(variant.mean)
            guard index > 0, let frequentist = variant.frequentist else {
                return MetricRow(
                    variant: variant.key, units: NumberFormatting.count(variant.units), estimate: estimate,
                    lift: index == 0 ? "control" : "n/a", interval: "", pValue: "", adjustedPValue: "",
                    chanceToBeat: "", test: "", direction: 0)
            }
            let lift: String
            let interval: String
            if let relative = variant.relativeLift, let ci = frequentist.relativeCi {
                lift = NumberFormatting.signedPercent(relative)
                interval = "[\(NumberFormatting.signedPercent(ci.lower)), \(NumberFormatting.signedPercent(ci.upper))]"
            } else {
                let absolute = variant.absoluteLift ?? 0
                lift = isProportion ? NumberFormatting.signedPercent(absolute) + " pts" : NumberFormatting.signedNumber(absolute)
                let ci = frequentist.ci
                interval = isProportion
                    ? "[\(NumberFormatting.signedPercent(ci.lower)), \(NumberFormatting.signedPercent(ci.upper))] pts"
                    : "[\(NumberFormatting.signedNumber(ci.lower)), \(NumberFormatting.signedNumber(ci.upper))]"
            }
            let significant = frequentist.adjustedPValue < alpha
            let direction = significant ? ((variant.absoluteLift ?? 0) > 0 ? 1 : -1) : 0
            return MetricRow(
                variant: variant.key, units: NumberFormatting.count(variant.units), estimate: estimate,
                lift: lift, interval: interval, pValue: NumberFormatting.pValue(frequentist.pValue),
                adjustedPValue: NumberFormatting.pValue(frequentist.adjustedPValue),
                chanceToBeat: variant.bayesian.map { NumberFormatting.percent($0.chanceToBeatControl, digits: 1) } ?? "",
                test: frequentist.test.rawValue, direction: direction)
        }
    }
}
