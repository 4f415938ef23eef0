import Foundation
import ABEvents
import ABSummary
import ABKit
import ABStats

/// The answer of `abkit power`, encoded as its `--format json` object.
public struct PowerReport: Codable, Sendable, Equatable {
    /// `units`, `power` or `minimum-detectable-effect`.
    public var question: PowerOptions.Question
    /// `proportion` or `mean`.
    public var metric: String
    /// Control's rate or mean.
    public var baseline: Double
    /// The per-unit standard deviation, for means.
    public var standardDeviation: Double?
    /// Significance level.
    public var alpha: Double
    /// The target power, or the computed power for `power`.
    public var power: Double
    /// Variant units per control unit.
    public var ratio: Double
    /// `two-sided` or `greater`.
    public var alternative: Alternative
    /// Arms including control.
    public var variants: Int
    /// The lift asked for, or the minimum detectable one: variant − control.
    public var absoluteLift: Double
    /// The same as variant / control − 1; absent when the baseline is 0.
    public var relativeLift: Double?
    /// Cohen's h (rates) or d (means), as statsmodels' `NormalIndPower` takes it.
    public var effectSize: Double
    /// Control units as a real number (statsmodels' `nobs1`).
    public var exactControlUnits: Double
    /// Control units, whole.
    public var controlUnits: Int
    /// Units of each other variant, whole.
    public var variantUnits: Int
    /// controlUnits + (variants − 1) × variantUnits.
    public var totalUnits: Int
    /// The convention followed.
    public var method = "statsmodels NormalIndPower: two-sample z-test, Cohen's h for rates, d = lift / sd for means"
}
