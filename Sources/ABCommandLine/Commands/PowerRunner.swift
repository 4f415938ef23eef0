import ABEvents
import ABSummary
import ABKit
import ABStats
import Foundation

/// `abkit power`: units needed, power, or minimum detectable effect of a planned experiment.
///
/// Follows statsmodels' `NormalIndPower` (two-sample z-test; Cohen's h for rates, d = lift / sd
/// for means; two-sided power includes the far rejection tail). `--units` counts control's units;
/// each other variant has ratio × units. No correction for several variants is applied: the
/// units are per comparison with control, and the total is control + (k − 1) × variant units.
package struct PowerRunner: Sendable {
    /// The options.
    package var options: PowerOptions

    /// Creates a runner.
    package init(options: PowerOptions) { self.options = options }

    /// Runs the calculation: one line of text, or a JSON object with `--format json`.
    package func run() -> CommandOutput {
        CommandOutput.report(format: options.format, text: { Self.sentence($0) + "\n" }) { try compute() }
    }

    /// The numbers, without formatting.
    package func compute() throws -> PowerReport {
        try options.validate()
        guard let metric = options.metric else { throw ABKitError.usage("give the metric with --baseline or --mean and --sd") }
        do {
            let test = try NormalIndPower(alpha: options.alpha, ratio: options.ratio, alternative: options.oneSided ? .greater : .twoSided)
            let calculator = try PowerCalculator(metric: metric, test: test)
            var power = options.power
            let difference: Double, effectSize: Double, nobs1: Double
            // --days with --daily-units and no --units: the units are those the days collect.
            let unitsAfterDays = try options.traffic.flatMap { traffic in
                try traffic.days.map { try traffic.plan(variants: options.variants).controlUnits(afterDays: Double($0), ratio: options.ratio) }
            }
            let units = options.units ?? unitsAfterDays
            switch (options.lift, units) {
            case let (lift?, nil):
                let size = try calculator.effectSize(lift)
                (difference, effectSize) = (try calculator.absoluteDifference(lift), size)
                do {
                    nobs1 = try test.nobs1(effectSize: size, power: power)
                } catch StatsError.notComputable {
                    // Only an effect so small that no Double counts its units gets here.
                    throw ABKitError.usage("detecting \(liftFlag) needs more than 1e300 units per variant; plan for a larger lift")
                }
            case let (lift?, units?):
                power = try calculator.power(lift: lift, nobs1: units)
                (difference, effectSize, nobs1) = (try calculator.absoluteDifference(lift), try calculator.effectSize(lift), units)
            case let (nil, units?):
                let detectable = try calculator.minimumDetectableEffect(nobs1: units, power: power)
                (difference, effectSize, nobs1) = (detectable.absoluteLift, detectable.effectSize, units)
            case (nil, nil):
                throw ABKitError.usage("give a lift, --units, or both")
            }
            let (size, totalUnits) = try counted(nobs1: nobs1, effectSize: effectSize)
            let isRate = options.baseline != nil
            let duration = try options.traffic.map {
                try DurationReport(traffic: $0, calculator: calculator, lift: options.lift, power: options.power, variants: options.variants)
            }
            return PowerReport(
                question: options.question, metric: isRate ? "proportion" : "mean", baseline: calculator.baseline,
                standardDeviation: options.standardDeviation, alpha: options.alpha, power: power, ratio: options.ratio,
                alternative: test.alternative, variants: options.variants, absoluteLift: difference,
                relativeLift: calculator.baseline == 0 ? nil : difference / calculator.baseline, effectSize: effectSize,
                exactControlUnits: nobs1, controlUnits: size.controlUnits, variantUnits: size.variantUnits,
                totalUnits: totalUnits, duration: duration)
        } catch let error as StatsError {
            // Every number came from a flag, so a value the statistics reject is a usage error.
            throw ABKitError.usage(error.localizedDescription)
        }
    }

    /// Whole units per group and in total, or a usage error naming the flags that ask for more
    /// than `UnitCount.maximum` (2^53) units: a lift too small to detect, or --units × --ratio
    /// or × --variants beyond what ABKit counts.
    private func counted(nobs1: Double, effectSize: Double) throws -> (SampleSize, total: Int) {
        let limit = "ABKit counts units up to \(UnitCount.maximum) (2^53, the largest count a Double holds exactly)"
        let size: SampleSize
        do {
            size = try SampleSize(nobs1: nobs1, ratio: options.ratio, effectSize: effectSize)
        } catch is StatsError {
            let variantUnits = String(format: "%.3g", nobs1 * options.ratio)
            if options.units == nil {
                let needed = options.ratio == 1
                    ? "about \(String(format: "%.3g", nobs1)) units per variant"
                    : "about \(String(format: "%.3g", nobs1)) control units and \(variantUnits) per other variant"
                throw ABKitError.usage("detecting \(liftFlag) needs \(needed): \(limit); plan for a larger lift")
            }
            throw ABKitError.usage(
                "--units \(PowerOptions.exact(nobs1)) with --ratio \(options.ratio) gives about \(variantUnits) units per other variant: \(limit)")
        }
        do {
            return (size, try size.totalUnits(variants: options.variants))
        } catch is StatsError {
            throw ABKitError.usage(
                "--variants \(options.variants) needs more than \(UnitCount.maximum) units in total (\(size.controlUnits) for control "
                    + "and \(size.variantUnits) for each other variant): \(limit)")
        }
    }

    /// The lift flag as given, for messages.
    private var liftFlag: String {
        options.absoluteLift.map { "--absolute-lift \($0)" } ?? options.relativeLift.map { "--relative-lift \($0)" } ?? "the lift"
    }

    /// The answer: one line, and a second with the days when traffic was given.
    static func sentence(_ report: PowerReport) -> String {
        let units = unitsSentence(report)
        guard let duration = report.duration else { return units }
        return units + "\n" + duration.sentence(isRate: report.metric == "proportion")
    }

    /// The units sentence.
    static func unitsSentence(_ report: PowerReport) -> String {
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
