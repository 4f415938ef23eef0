import Foundation
import ABEvents
import ABSummary
import ABKit
import ABStats

/// The answer of `abkit plan`, encoded as its `--format json` object.
public struct PlanReport: Codable, Sendable, Equatable {
    /// The experiment id, when planned from a file.
    public var experiment: String?
    /// The primary metric, when planned from a file.
    public var metric: String?
    /// Fixed-horizon units per variant for the planned effect (statsmodels' NormalIndPower, as `abkit power`).
    public var power: PowerReport
    /// The group-sequential design and its boundaries per look.
    public var design: Design
    /// The always-valid setting that matches the plan: `plannedUnitsPerVariant` = the fixed-horizon units.
    public var alwaysValid: AlwaysValid

    /// A group-sequential design.
    public struct Design: Codable, Sendable, Equatable {
        /// Always `group`.
        public var method = "group"
        /// Planned equally spaced looks.
        public var looks: Int
        /// The spending function.
        public var spending: AlphaSpending
        /// The two-sided significance level.
        public var alpha: Double
        /// Units the design needs at most, relative to the fixed horizon, for the same power.
        public var inflationFactor: Double
        /// The fixed-horizon units per variant × the inflation factor, rounded up: the units by the last look.
        public var maximumUnitsPerVariant: Int
        /// One entry per look.
        public var boundaries: [Look]
    }

    /// One look of the design.
    public struct Look: Codable, Sendable, Equatable {
        /// 1-based.
        public var look: Int
        /// k / looks.
        public var informationFraction: Double
        /// Units per variant by this look (the maximum units × the fraction, rounded up).
        public var unitsPerVariant: Int
        /// Stop when |z| ≥ this.
        public var z: Double
        /// The nominal two-sided p-value threshold, 2(1 − Φ(z)).
        public var nominalAlpha: Double
        /// Alpha spent up to and including this look.
        public var cumulativeAlpha: Double
    }

    /// The always-valid counterpart.
    public struct AlwaysValid: Codable, Sendable, Equatable {
        /// The value for `analysis.sequential.plannedUnitsPerVariant` or `--planned-units`.
        public var plannedUnitsPerVariant: Int
    }
}
