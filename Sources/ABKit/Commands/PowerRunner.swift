import ABStats
import Foundation

/// `abkit power`: units needed, power, or minimum detectable effect of a planned experiment.
///
/// Follows statsmodels' `NormalIndPower` (two-sample z-test; Cohen's h for rates, d = lift / sd
/// for means; two-sided power includes the far rejection tail). `--units` counts control's units;
/// each other variant has ratio × units. No correction for several variants is applied: the
/// units are per comparison with control, and the total is control + (k − 1) × variant units.
public struct PowerRunner: Sendable {
    /// The options.
    public var options: PowerOptions

    /// Creates a runner.
    public init(options: PowerOptions) { self.options = options }

    /// Runs the calculation: one line of text, or a JSON object with `--format json`.
    public func run() -> CommandOutput {
        CommandOutput.report(format: options.format, text: { Self.sentence($0) + "\n" }) { try compute() }
    }

    /// The numbers, without formatting.
    public func compute() throws -> PowerReport {
        try options.validate()
        guard let metric = options.metric else { throw ABKitError.usage("give the metric with --baseline or --mean and --sd") }
        do {
            let test = try NormalIndPower(alpha: options.alpha, ratio: options.ratio, alternative: options.oneSided ? .greater : .twoSided)
            let calculator = try PowerCalculator(metric: metric, test: test)
            var power = options.power
            let difference: Double, effectSize: Double, nobs1: Double
            switch (options.lift, options.units) {
            case let (lift?, nil):
                let size = try calculator.sampleSize(lift: lift, power: power)
                (difference, effectSize, nobs1) = (try calculator.absoluteDifference(lift), size.effectSize, size.nobs1)
            case let (lift?, units?):
                power = try calculator.power(lift: lift, nobs1: units)
                (difference, effectSize, nobs1) = (try calculator.absoluteDifference(lift), try calculator.effectSize(lift), units)
            case let (nil, units?):
                let detectable = try calculator.minimumDetectableEffect(nobs1: units, power: power)
                (difference, effectSize, nobs1) = (detectable.absoluteLift, detectable.effectSize, units)
            case (nil, nil):
                throw ABKitError.usage("give a lift, --units, or both")
            }
            let size = SampleSize(nobs1: nobs1, ratio: options.ratio, effectSize: effectSize)
            let isRate = options.baseline != nil
            return PowerReport(
                question: options.question, metric: isRate ? "proportion" : "mean", baseline: calculator.baseline,
                standardDeviation: options.standardDeviation, alpha: options.alpha, power: power, ratio: options.ratio,
                alternative: test.alternative, variants: options.variants, absoluteLift: difference,
                relativeLift: calculator.baseline == 0 ? nil : difference / calculator.baseline, effectSize: effectSize,
                exactControlUnits: nobs1, controlUnits: size.controlUnits, variantUnits: size.variantUnits,
                totalUnits: size.totalUnits(variants: options.variants))
        } catch let error as StatsError {
            // Every number came from a flag, so a value the statistics reject is a usage error.
            throw ABKitError.usage(error.localizedDescription)
        }
    }

    /// The one-line answer.
    static func sentence(_ report: PowerReport) -> String {
        let isRate = report.metric == "proportion"
        let points = report.absoluteLift * 100
        var change = isRate
            ? String(format: abs(points) >= 0.01 ? "%+.2f points" : "%+.2e points", points)
            : NumberFormatting.signedNumber(report.absoluteLift, digits: 4)
        if let relative = report.relativeLift { change += " (\(NumberFormatting.signedPercent(relative)) relative)" }
        let from = isRate
            ? "\(NumberFormatting.percent(report.baseline)) → \(NumberFormatting.percent(report.baseline + report.absoluteLift))"
            : "\(NumberFormatting.number(report.baseline)) → \(NumberFormatting.number(report.baseline + report.absoluteLift))"
        let units = report.ratio == 1
            ? "\(NumberFormatting.count(report.controlUnits)) units per variant"
            : "\(NumberFormatting.count(report.controlUnits)) control units and \(NumberFormatting.count(report.variantUnits)) per other variant"
        let total = "\(NumberFormatting.count(report.totalUnits)) in total for \(report.variants) variants"
        let test = "alpha \(NumberFormatting.number(report.alpha)), \(report.alternative == .twoSided ? "two-sided" : "one-sided")"
        switch report.question {
        case .units:
            return "Need \(units) (\(total)) to detect \(change), \(from), with \(NumberFormatting.percent(report.power, digits: 0)) power at \(test)."
        case .power:
            return "Power \(NumberFormatting.percent(report.power, digits: 1)) to detect \(change), \(from), with \(units) (\(total)) at \(test)."
        case .minimumDetectableEffect:
            return "Minimum detectable effect \(change), \(from), with \(units) (\(total)) at \(NumberFormatting.percent(report.power, digits: 0)) power, \(test)."
        }
    }
}
