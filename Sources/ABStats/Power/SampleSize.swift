import Foundation

/// Units an experiment needs, as the exact real solution and rounded up to whole units.
///
/// Every count is at most `UnitCount.maximum` (2^53): the initializer refuses a design whose
/// control or variant units would exceed it, and `totalUnits(variants:)` one whose total would.
public struct SampleSize: Hashable, Sendable {
    /// Control units nobs1 that solve power(nobs1) = target exactly (statsmodels' `solve_power`).
    public let nobs1: Double
    /// Variant units per control unit.
    public let ratio: Double
    /// The standardized effect size the units were solved for.
    public let effectSize: Double
    /// Control units, rounded up.
    public let controlUnits: Int
    /// Units of each variant (ratio × nobs1), rounded up.
    public let variantUnits: Int

    /// Creates a sample size from control's real-valued units.
    ///
    /// - Throws: `StatsError.invalidParameter` unless nobs1 and ratio are finite and > 0, and
    ///   `StatsError.notComputable` when control's or a variant's units, rounded up, exceed
    ///   `UnitCount.maximum` (the message gives the units needed).
    public init(nobs1: Double, ratio: Double, effectSize: Double) throws {
        try StatsError.requirePositive(nobs1, "nobs1")
        try StatsError.requirePositive(ratio, "ratio")
        self.nobs1 = nobs1
        self.ratio = ratio
        self.effectSize = effectSize
        controlUnits = try Self.roundedUp(nobs1, group: "control")
        variantUnits = try Self.roundedUp(nobs1 * ratio, group: "each variant")
    }

    /// Units across control and `variants` − 1 treatment arms, each arm compared with control.
    ///
    /// - Throws: `StatsError.invalidParameter` when `variants` < 1, and `StatsError.notComputable`
    ///   when the total exceeds `UnitCount.maximum`.
    public func totalUnits(variants: Int = 2) throws -> Int {
        guard variants >= 1 else {
            throw StatsError.invalidParameter(name: "variants", value: "\(variants)", expected: "at least 1 (control)")
        }
        // Checked: the number of variants comes from the user, and ~1e19 of them overflow an Int.
        let (others, overflow) = (variants - 1).multipliedReportingOverflow(by: variantUnits)
        guard !overflow, others <= UnitCount.maximum - controlUnits else {
            throw StatsError.notComputable(
                test: "sample size",
                reason: "\(variants) variants need more than \(UnitCount.maximum) units in total "
                    + "(\(controlUnits) for control and \(variantUnits) for each other variant; ABKit counts units up to 2^53)")
        }
        return controlUnits + others
    }

    /// Rounds up, ignoring the last few bits of floating-point noise (1000.0000000001 is 1000);
    /// throws when the result would exceed `UnitCount.maximum` (it would not even fit an Int beyond 2^63).
    static func roundedUp(_ value: Double, group: String) throws -> Int {
        let rounded = (value * (1 - 4 * Double.ulpOfOne)).rounded(.up)
        // Compared as Doubles before converting: Int(_:) traps on values beyond Int.max.
        guard rounded <= Double(UnitCount.maximum) else {
            throw StatsError.notComputable(
                test: "sample size",
                reason: "\(group) would need more than \(UnitCount.maximum) units (about \(String(format: "%.3g", value))); "
                    + "ABKit counts units up to 2^53: plan for a larger effect")
        }
        return max(Int(rounded), 1)
    }
}
