import Foundation
import ABEvents
import ABSummary
import ABKit
import ABStats

/// The settings of `abkit plan`: an experiment file, flags, or both (flags win).
///
/// From the file come the planned effect (`decision.plannedRelativeEffect`), alpha, the number of
/// variants and the group-sequential design (`analysis.sequential` with `method: group`); the
/// primary metric's baseline is always a flag (`--baseline` for a rate, `--mean`/`--sd` for a mean).
package struct PlanOptions: Sendable, Equatable {
    /// The experiment file.
    package var experimentPath: String?
    /// Control's conversion rate.
    package var baseline: Double?
    /// Control's mean, for a mean metric.
    package var mean: Double?
    /// The per-unit standard deviation, for a mean metric.
    package var standardDeviation: Double?
    /// variant / control − 1 (default: the file's `decision.plannedRelativeEffect`).
    package var relativeLift: Double?
    /// variant − control.
    package var absoluteLift: Double?
    /// Significance level (default: the file's, else 0.05).
    package var alpha: Double?
    /// Target power.
    package var power: Double
    /// Planned equally spaced looks (default: the file's group design, else 5).
    package var looks: Int?
    /// Alpha spending (default: the file's, else O'Brien–Fleming).
    package var spending: AlphaSpending?
    /// `text` or `json`.
    package var format: ReportFormat
    /// Daily traffic, to say how many days the plan needs.
    package var traffic: TrafficOptions?

    /// Creates options with power 0.8 and text output.
    package init(
        experimentPath: String? = nil, baseline: Double? = nil, mean: Double? = nil, standardDeviation: Double? = nil,
        relativeLift: Double? = nil, absoluteLift: Double? = nil, alpha: Double? = nil, power: Double = 0.8,
        looks: Int? = nil, spending: AlphaSpending? = nil, format: ReportFormat = .text, traffic: TrafficOptions? = nil
    ) {
        self.traffic = traffic
        self.experimentPath = experimentPath
        self.baseline = baseline
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.relativeLift = relativeLift
        self.absoluteLift = absoluteLift
        self.alpha = alpha
        self.power = power
        self.looks = looks
        self.spending = spending
        self.format = format
    }

    /// The number of looks when neither a flag nor the file gives one.
    package static let defaultLooks = 5
}
