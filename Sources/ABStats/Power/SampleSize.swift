import Foundation

/// Units an experiment needs, as the exact real solution and rounded up to whole units.
public struct SampleSize: Hashable, Sendable {
    /// Control units nobs1 that solve power(nobs1) = target exactly (statsmodels' `solve_power`).
    public let nobs1: Double
    /// Variant units per control unit.
    public let ratio: Double
    /// The standardized effect size the units were solved for.
    public let effectSize: Double

    /// Creates a sample size from control's real-valued units.
    public init(nobs1: Double, ratio: Double, effectSize: Double) {
        self.nobs1 = nobs1
        self.ratio = ratio
        self.effectSize = effectSize
    }

    /// Control units, rounded up.
    public var controlUnits: Int { Self.roundedUp(nobs1) }
    /// Units of each variant (ratio × nobs1), rounded up.
    public var variantUnits: Int { Self.roundedUp(nobs1 * ratio) }

    /// Units across control and `variants` − 1 treatment arms, each arm compared with control.
    public func totalUnits(variants: Int = 2) -> Int { controlUnits + max(variants - 1, 0) * variantUnits }

    /// Rounds up, ignoring the last few bits of floating-point noise (1000.0000000001 is 1000).
    static func roundedUp(_ value: Double) -> Int {
        Int((value * (1 - 4 * Double.ulpOfOne)).rounded(.up))
    }
}
