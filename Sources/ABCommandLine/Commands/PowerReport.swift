import Foundation
import ABEvents
import ABSummary
import ABKit
import ABStats

/// The answer of `abkit power`, encoded as its `--format json` object.
package struct PowerReport: Codable, Sendable, Equatable {
    /// `units`, `power` or `minimum-detectable-effect`.
    package var question: PowerOptions.Question
    /// `proportion` or `mean`.
    package var metric: String
    /// Control's rate or mean.
    package var baseline: Double
    /// The per-unit standard deviation, for means.
    package var standardDeviation: Double?
    /// Significance level.
    package var alpha: Double
    /// The target power, or the computed power for `power`.
    package var power: Double
    /// Variant units per control unit.
    package var ratio: Double
    /// `two-sided` or `greater`.
    package var alternative: Alternative
    /// Arms including control.
    package var variants: Int
    /// The lift asked for, or the minimum detectable one: variant − control.
    package var absoluteLift: Double
    /// The same as variant / control − 1; absent when the baseline is 0.
    package var relativeLift: Double?
    /// Cohen's h (rates) or d (means), as statsmodels' `NormalIndPower` takes it.
    package var effectSize: Double
    /// Control units as a real number (statsmodels' `nobs1`).
    package var exactControlUnits: Double
    /// Control units, whole.
    package var controlUnits: Int
    /// Units of each other variant, whole.
    package var variantUnits: Int
    /// controlUnits + (variants − 1) × variantUnits.
    package var totalUnits: Int
    /// Days needed and the effect detectable after `--days`, when `--daily-units` was given.
    package var duration: DurationReport?
    /// The convention followed.
    package var method = "statsmodels NormalIndPower: two-sample z-test, Cohen's h for rates, d = lift / sd for means"
}
