import Foundation
import ABEvents
import ABSummary
import ABKit
import ABStats

/// The answer of `abkit plan`, encoded as its `--format json` object.
package struct PlanReport: Codable, Sendable, Equatable {
    /// The experiment id, when planned from a file.
    package var experiment: String?
    /// The primary metric, when planned from a file.
    package var metric: String?
    /// Fixed-horizon units per variant for the planned effect (statsmodels' NormalIndPower, as `abkit power`).
    package var power: PowerReport
    /// The group-sequential design and its boundaries per look.
    package var design: Design
    /// The always-valid setting that matches the plan: `plannedUnitsPerVariant` = the fixed-horizon units.
    package var alwaysValid: AlwaysValid

    /// A group-sequential design.
    package struct Design: Codable, Sendable, Equatable {
        /// Always `group`.
        package var method = "group"
        /// Planned equally spaced looks.
        package var looks: Int
        /// The spending function.
        package var spending: AlphaSpending
        /// The two-sided significance level.
        package var alpha: Double
        /// Units the design needs at most, relative to the fixed horizon, for the same power.
        package var inflationFactor: Double
        /// The fixed-horizon units per variant × the inflation factor, rounded up: the units by the last look.
        package var maximumUnitsPerVariant: Int
        /// One entry per look.
        package var boundaries: [Look]
    }

    /// One look of the design.
    package struct Look: Codable, Sendable, Equatable {
        /// 1-based.
        package var look: Int
        /// k / looks.
        package var informationFraction: Double
        /// Units per variant by this look (the maximum units × the fraction, rounded up).
        package var unitsPerVariant: Int
        /// Stop when |z| ≥ this.
        package var z: Double
        /// The nominal two-sided p-value threshold, 2(1 − Φ(z)).
        package var nominalAlpha: Double
        /// Alpha spent up to and including this look.
        package var cumulativeAlpha: Double
    }

    /// The always-valid counterpart.
    package struct AlwaysValid: Codable, Sendable, Equatable {
        /// The value for `analysis.sequential.plannedUnitsPerVariant` or `--planned-units`.
        package var plannedUnitsPerVariant: Int
    }
}
