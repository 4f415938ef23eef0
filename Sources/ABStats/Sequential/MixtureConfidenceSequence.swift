import Foundation

/// Always-valid inference for a difference of means: the asymptotic normal-mixture confidence
/// sequence that GrowthBook and Eppo use for sequential testing.
///
/// The boundary is Robbins' normal mixture (Howard et al. 2021, "Time-uniform, nonparametric,
/// nonasymptotic confidence sequences"), in the asymptotic form of Waudby-Smith et al. 2023
/// ("Time-uniform central limit theory and asymptotic confidence sequences", eq. 155 and 161).
/// With n units observed so far, an estimate Δ̂ with standard error se, and mixing variance ρ²:
///
///     half-width(n) = se · √( (nρ² + 1)/(nρ²) · 2 ln(√(nρ² + 1) / α) )
///
/// The interval Δ̂ ± half-width covers the true difference at every n simultaneously with
/// probability ≥ 1 − α, so it may be looked at after every day (or every unit) without
/// inflating the error rate. The mixture's e-value against Δ = 0 is
///
///     E(n) = exp( nρ² z² / (2(nρ² + 1)) ) / √(nρ² + 1),  z = Δ̂ / se,
///
/// and the always-valid p-value is min(1, 1/E): exactly the smallest α whose interval (at the
/// same ρ²) excludes 0.
///
/// ρ² is chosen so that the boundary is tightest when n reaches the planned number of units N
/// (GrowthBook's `sequential_tuning_parameter`):
///
///     ρ² = (−2 ln α + ln(1 − 2 ln α)) / N.
public struct MixtureConfidenceSequence: Hashable, Sendable {
    /// The error rate the interval controls uniformly over time; the interval is at 1 − alpha.
    public let alpha: Double
    /// The mixing variance ρ² of the normal mixture, per unit.
    public let mixingVariance: Double

    /// A sequence tuned so that it is tightest at `plannedUnits` units (both groups together).
    ///
    /// - Throws: `StatsError.invalidParameter` unless alpha is in (0, 1) and `plannedUnits` ≥ 1.
    public init(alpha: Double = 0.05, plannedUnits: Int) throws {
        try self.init(alpha: alpha, mixingVariance: try Self.optimalMixingVariance(alpha: alpha, plannedUnits: plannedUnits))
    }

    /// A sequence with an explicit mixing variance ρ² (> 0).
    public init(alpha: Double = 0.05, mixingVariance: Double) throws {
        try SignificanceLevel.validate(alpha)
        try StatsError.requirePositive(mixingVariance, "mixingVariance")
        self.alpha = alpha
        self.mixingVariance = mixingVariance
    }

    /// ρ² = (−2 ln α + ln(1 − 2 ln α)) / N, the mixing variance whose boundary is (to a close
    /// approximation) narrowest at N units.
    public static func optimalMixingVariance(alpha: Double, plannedUnits: Int) throws -> Double {
        try SignificanceLevel.validate(alpha)
        guard plannedUnits >= 1 else {
            throw StatsError.invalidParameter(name: "plannedUnits", value: "\(plannedUnits)", expected: "a whole number ≥ 1")
        }
        let logAlpha = log(alpha)
        return (-2 * logAlpha + log(1 - 2 * logAlpha)) / Double(plannedUnits)
    }

    /// The half-width of the always-valid interval for an estimate with `standardError` after `units` units.
    public func halfWidth(standardError: Double, units: Int) throws -> Double {
        try Self.validate(standardError: standardError, units: units)
        let v = Double(units) * mixingVariance
        return standardError * ((v + 1) / v * 2 * log((v + 1).squareRoot() / alpha)).squareRoot()
    }

    /// The always-valid interval and p-value of `estimate` (variant − control) after `units` units.
    ///
    /// - Throws: `StatsError.invalidParameter` when the estimate is not finite, the standard
    ///   error is not finite and > 0, or `units` < 1.
    public func evaluate(estimate: Double, standardError: Double, units: Int) throws -> AlwaysValidResult {
        try StatsError.requireFinite(estimate, "estimate")
        let width = try halfWidth(standardError: standardError, units: units)
        let v = Double(units) * mixingVariance
        let z = estimate / standardError
        // log E = v z² / (2(v + 1)) − ½ ln(v + 1); p = min(1, 1/E), computed in logs so large z cannot overflow.
        let logEValue = v * z * z / (2 * (v + 1)) - 0.5 * log1p(v)
        return AlwaysValidResult(
            estimate: estimate, standardError: standardError, units: units, confidenceLevel: 1 - alpha,
            confidenceInterval: ConfidenceInterval(center: estimate, halfWidth: width),
            pValue: exp(-max(logEValue, 0)), logEValue: logEValue)
    }

    /// Compares two conversion rates: difference of rates with the unpooled standard error,
    /// units = both groups together; also the always-valid interval of the relative lift.
    public func compare(control: ProportionSample, variant: ProportionSample) throws -> AlwaysValidResult {
        try compareDifference(
            control: (control.rate, control.varianceOfRate, control.units), variant: (variant.rate, variant.varianceOfRate, variant.units),
            degenerate: "both groups have a rate of 0 or 1")
    }

    /// Compares two means: difference of means with the Welch (unpooled) standard error,
    /// units = both groups together; also the always-valid interval of the relative lift.
    public func compare(control: MeanSample, variant: MeanSample) throws -> AlwaysValidResult {
        try compareDifference(
            control: (control.mean, control.varianceOfMean, control.units), variant: (variant.mean, variant.varianceOfMean, variant.units),
            degenerate: "both groups have zero variance")
    }

    /// The difference variant − control of two independent estimates (estimate, variance, units).
    private func compareDifference(
        control: (Double, Double, Int), variant: (Double, Double, Int), degenerate: String
    ) throws -> AlwaysValidResult {
        let standardError = (control.1 + variant.1).squareRoot()
        guard standardError > 0 else {
            throw StatsError.notComputable(
                test: "always-valid comparison", reason: "\(degenerate), so the difference has no standard error")
        }
        var result = try evaluate(estimate: variant.0 - control.0, standardError: standardError, units: control.2 + variant.2)
        let relative = RelativeLift.estimate(
            variantMean: variant.0, controlMean: control.0, variantVarianceOfMean: variant.1, controlVarianceOfMean: control.1,
            critical: (result.confidenceInterval.upper - result.estimate) / standardError)
        result.relativeLift = relative?.lift
        result.relativeConfidenceInterval = relative?.interval
        return result
    }

    private static func validate(standardError: Double, units: Int) throws {
        try StatsError.requirePositive(standardError, "standardError")
        guard units >= 1 else {
            throw StatsError.invalidParameter(name: "units", value: "\(units)", expected: "a whole number ≥ 1")
        }
    }
}
