import Foundation

/// Sample size, power and minimum detectable effect of an experiment on a conversion rate or a mean.
///
/// Lifts are translated to statsmodels' standardized effect sizes (Cohen's h for rates,
/// d = difference / sd for means) and handed to `NormalIndPower`.
public struct PowerCalculator: Hashable, Sendable {
    /// What the experiment measures.
    public enum Metric: Hashable, Sendable {
        /// A conversion rate with control's expected rate in (0, 1).
        case proportion(baseline: Double)
        /// A mean with control's expected mean and the per-unit standard deviation.
        case mean(mean: Double, standardDeviation: Double)
    }

    /// A change of the metric.
    public enum Lift: Hashable, Sendable {
        /// variant − control, in the metric's units.
        case absolute(Double)
        /// variant / control − 1.
        case relative(Double)
    }

    /// The metric.
    public let metric: Metric
    /// The test (alpha, ratio, alternative).
    public let test: NormalIndPower

    /// Creates a calculator; throws when the metric's parameters are unusable.
    public init(metric: Metric, test: NormalIndPower) throws {
        switch metric {
        case let .proportion(baseline):
            try StatsError.requireOpenProbability(baseline, "baseline")
        case let .mean(mean, standardDeviation):
            try StatsError.requireFinite(mean, "mean")
            try StatsError.requirePositive(standardDeviation, "standardDeviation")
        }
        self.metric = metric
        self.test = test
    }

    /// Control's expected value.
    public var baseline: Double {
        switch metric {
        case let .proportion(baseline): return baseline
        case let .mean(mean, _): return mean
        }
    }

    /// The lift as variant − control.
    public func absoluteDifference(_ lift: Lift) throws -> Double {
        switch lift {
        case let .absolute(value):
            try StatsError.requireFinite(value, "absolute lift")
            return value
        case let .relative(value):
            try StatsError.requireFinite(value, "relative lift")
            guard baseline != 0 else {
                throw StatsError.invalidParameter(name: "relative lift", value: "\(value)", expected: "an absolute lift, since the baseline mean is 0")
            }
            return baseline * value
        }
    }

    /// The standardized effect size of `lift`.
    public func effectSize(_ lift: Lift) throws -> Double {
        let difference = try absoluteDifference(lift)
        switch metric {
        case let .proportion(baseline):
            let variant = baseline + difference
            guard variant >= 0, variant <= 1 else {
                throw StatsError.invalidParameter(
                    name: "lift", value: "\(difference)", expected: "a change that keeps the rate in [0, 1] (baseline \(baseline))")
            }
            return try EffectSize.proportions(baseline: baseline, variant: variant)
        case let .mean(_, standardDeviation):
            return try EffectSize.means(difference: difference, standardDeviation: standardDeviation)
        }
    }

    /// Units needed to detect `lift` with probability `power`; throws `StatsError.notComputable`
    /// when that is more than `UnitCount.maximum` units per group.
    public func sampleSize(lift: Lift, power: Double) throws -> SampleSize {
        let size = try effectSize(lift)
        return try SampleSize(nobs1: try test.nobs1(effectSize: size, power: power), ratio: test.ratio, effectSize: size)
    }

    /// The power with `nobs1` control units (and ratio × nobs1 variant units) against `lift`.
    public func power(lift: Lift, nobs1: Double) throws -> Double {
        try test.power(effectSize: try effectSize(lift), nobs1: nobs1)
    }

    /// The smallest lift that `nobs1` control units detect with probability `power`.
    public func minimumDetectableEffect(nobs1: Double, power: Double) throws -> DetectableEffect {
        let size = try test.detectableEffectSize(nobs1: nobs1, power: power)
        let difference: Double
        switch metric {
        case let .proportion(baseline):
            difference = try EffectSize.variantRate(baseline: baseline, cohensH: size) - baseline
        case let .mean(_, standardDeviation):
            difference = size * standardDeviation
        }
        return DetectableEffect(
            effectSize: size, absoluteLift: difference, relativeLift: baseline == 0 ? nil : difference / baseline)
    }
}
