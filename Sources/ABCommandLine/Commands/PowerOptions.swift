import ABEvents
import ABSummary
import ABKit
import ABStats
import Foundation

/// The settings of `abkit power`, exactly as given on the command line.
///
/// Give the metric with `baseline` (a conversion rate) or `mean` and `standardDeviation`; then a
/// lift to get the units needed, a lift and `units` to get the power, or only `units` to get the
/// minimum detectable effect.
package struct PowerOptions: Sendable, Equatable {
    /// Control's conversion rate, in (0, 1).
    package var baseline: Double?
    /// Control's mean, for a mean metric.
    package var mean: Double?
    /// The per-unit standard deviation, for a mean metric.
    package var standardDeviation: Double?
    /// variant − control.
    package var absoluteLift: Double?
    /// variant / control − 1.
    package var relativeLift: Double?
    /// Significance level.
    package var alpha: Double
    /// Target power.
    package var power: Double
    /// Variant units per control unit.
    package var ratio: Double
    /// One-sided test for an increase (statsmodels' `larger`) instead of two-sided.
    package var oneSided: Bool
    /// Control units (each variant has ratio × units).
    package var units: Double?
    /// Arms including control, for the total.
    package var variants: Int
    /// `text` (one line) or `json`.
    package var format: ReportFormat
    /// Daily traffic, to say how many days the experiment needs (and what it detects after `days`).
    package var traffic: TrafficOptions?

    /// Creates options with alpha 0.05, power 0.8, ratio 1, two-sided, two variants, text output.
    package init(
        baseline: Double? = nil, mean: Double? = nil, standardDeviation: Double? = nil,
        absoluteLift: Double? = nil, relativeLift: Double? = nil,
        alpha: Double = 0.05, power: Double = 0.8, ratio: Double = 1, oneSided: Bool = false,
        units: Double? = nil, variants: Int = 2, format: ReportFormat = .text, traffic: TrafficOptions? = nil
    ) {
        self.traffic = traffic
        self.baseline = baseline
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.absoluteLift = absoluteLift
        self.relativeLift = relativeLift
        self.alpha = alpha
        self.power = power
        self.ratio = ratio
        self.oneSided = oneSided
        self.units = units
        self.variants = variants
        self.format = format
    }

    /// What the command computes.
    package enum Question: String, Sendable, Equatable, Codable {
        /// Units needed for a lift.
        case units
        /// Power of given units against a lift.
        case power
        /// Smallest lift given units detect.
        case minimumDetectableEffect = "minimum-detectable-effect"
    }

    /// The question these options ask.
    package var question: Question {
        switch (units ?? traffic?.days.map(Double.init), lift) {
        case (nil, _): return .units
        case (_, nil): return .minimumDetectableEffect
        default: return .power
        }
    }

    /// The lift, when one was given.
    package var lift: PowerCalculator.Lift? {
        if let absoluteLift { return .absolute(absoluteLift) }
        return relativeLift.map { .relative($0) }
    }

    /// The metric.
    package var metric: PowerCalculator.Metric? {
        if let baseline { return .proportion(baseline: baseline) }
        if let mean, let standardDeviation { return .mean(mean: mean, standardDeviation: standardDeviation) }
        return nil
    }

    /// The most arms `--variants` accepts. Each arm is compared with control without a
    /// multiple-testing correction, which stops making sense long before this; the bound also
    /// keeps the total units a countable number.
    package static let maximumVariants = 1_000

    /// A flag's number as given: whole numbers in full (1e19 as 10000000000000000000, not 1e+19).
    static func exact(_ value: Double) -> String { NumberText.exact(value) }

    /// Checks the options, naming the flag at fault (usage errors, exit 64).
    package func validate() throws {
        switch (baseline, mean, standardDeviation) {
        case (.some, nil, nil): break
        case (nil, .some, .some): break
        case (.some, _, _): throw ABKitError.usage("give either --baseline (a rate) or --mean with --sd, not both")
        case (nil, .some, nil): throw ABKitError.usage("--mean needs --sd, the per-unit standard deviation")
        case (nil, nil, .some): throw ABKitError.usage("--sd needs --mean, control's mean")
        case (nil, nil, nil): throw ABKitError.usage("give the metric: --baseline RATE for a conversion rate, or --mean M --sd S for a mean")
        }
        if let baseline, !(baseline.isFinite && baseline > 0 && baseline < 1) {
            throw ABKitError.usage("--baseline must be a rate strictly between 0 and 1 (got \(NumberText.exact(baseline)))")
        }
        if let mean, !mean.isFinite { throw ABKitError.usage("--mean must be a finite number (got \(NumberText.exact(mean)))") }
        if let standardDeviation, !(standardDeviation.isFinite && standardDeviation > 0) {
            throw ABKitError.usage("--sd must be a number > 0 (got \(NumberText.exact(standardDeviation)))")
        }
        if absoluteLift != nil, relativeLift != nil {
            throw ABKitError.usage("give either --absolute-lift or --relative-lift, not both")
        }
        if let value = absoluteLift ?? relativeLift {
            let flag = absoluteLift != nil ? "--absolute-lift" : "--relative-lift"
            guard value.isFinite, value != 0 else { throw ABKitError.usage("\(flag) must be a nonzero number (got \(NumberText.exact(value)))") }
            if oneSided, value < 0 {
                throw ABKitError.usage("--one-sided tests for an increase: \(flag) must be positive (got \(NumberText.exact(value)))")
            }
            if relativeLift != nil, mean == 0 {
                throw ABKitError.usage("--relative-lift needs a nonzero --mean; give --absolute-lift instead")
            }
        }
        guard alpha.isFinite, alpha > 0, alpha < 1 else {
            throw ABKitError.usage("--alpha must be a number strictly between 0 and 1 (got \(NumberText.exact(alpha)))")
        }
        guard power.isFinite, power > alpha, power < 1 else {
            throw ABKitError.usage("--power must be above --alpha (\(alpha)) and below 1 (got \(NumberText.exact(power)))")
        }
        guard ratio.isFinite, ratio > 0 else { throw ABKitError.usage("--ratio must be a number > 0 (got \(NumberText.exact(ratio)))") }
        // The same bound as a summary file's units: beyond 2^53 a Double no longer counts exactly.
        if let units, !(units.isFinite && units >= 1 && units <= Double(UnitCount.maximum)) {
            throw ABKitError.usage("--units must be \(UnitCount.rangeDescription) (got \(Self.exact(units)))")
        }
        guard variants >= 2, variants <= Self.maximumVariants else {
            throw ABKitError.usage("--variants counts control too, so it must be from 2 to \(Self.maximumVariants) (got \(variants))")
        }
        try traffic?.validate()
        guard units != nil || lift != nil || traffic?.days != nil else {
            throw ABKitError.usage("give a lift (--absolute-lift or --relative-lift) to get the units needed, --units (or --daily-units with --days) to get the minimum detectable effect, or both to get the power")
        }
        guard format == .text || format == .json else {
            throw ABKitError.usage("--format for abkit power expects text or json (got '\(format.rawValue)')")
        }
    }
}
