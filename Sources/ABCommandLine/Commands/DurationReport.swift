import ABKit
import ABStats
import Foundation

/// How long the experiment must run, in `abkit power` and `abkit plan` answers (`duration` in
/// their JSON): the days the planned effect needs at the given traffic, and the effect
/// detectable after a planned number of days.
package struct DurationReport: Codable, Sendable, Equatable {
    /// Eligible units per day (`--daily-units`).
    package var dailyEligibleUnits: Double
    /// The share that enters the experiment (`--traffic-share`).
    package var trafficShare: Double
    /// dailyEligibleUnits × trafficShare.
    package var dailyExperimentUnits: Double
    /// Whole days until every arm has the units the lift needs at the target power (a lift was given).
    package var daysNeeded: Int?
    /// Units across all arms those days collect.
    package var totalUnitsNeeded: Int?
    /// The power the days and the detectable effect are planned for (`--power`).
    package var power: Double
    /// The planned run length (`--days`).
    package var days: Int?
    /// Control units after `days` (each other arm has ratio × as many).
    package var controlUnitsAfterDays: Double?
    /// The smallest lift detectable at the target power after `days`: variant − control.
    package var minimumDetectableAbsoluteLift: Double?
    /// The same as variant / control − 1; absent when the baseline is 0.
    package var minimumDetectableRelativeLift: Double?

    /// The days `lift` needs and the effect detectable after `traffic.days`, for `calculator`.
    init(traffic: TrafficOptions, calculator: PowerCalculator, lift: PowerCalculator.Lift?, power: Double, variants: Int) throws {
        let plan = try traffic.plan(variants: variants)
        dailyEligibleUnits = traffic.dailyUnits
        trafficShare = traffic.trafficShare
        dailyExperimentUnits = plan.dailyExperimentUnits
        self.power = power
        if let lift {
            let duration = try calculator.duration(lift: lift, power: power, traffic: plan)
            daysNeeded = duration.days
            totalUnitsNeeded = duration.totalUnits
        }
        if let days = traffic.days {
            let detectable = try calculator.minimumDetectableEffect(afterDays: days, power: power, traffic: plan)
            self.days = days
            controlUnitsAfterDays = plan.controlUnits(afterDays: Double(days), ratio: calculator.test.ratio)
            minimumDetectableAbsoluteLift = detectable.absoluteLift
            minimumDetectableRelativeLift = calculator.baseline == 0 ? nil : detectable.absoluteLift / calculator.baseline
        }
    }

    /// The answer in words: "At 1,000 eligible units a day (20% enter: 200 a day), the effect
    /// needs 42 days (8,400 units). After 14 days, the smallest detectable effect is +9.8% (+1.96 points)."
    func sentence(isRate: Bool) -> String {
        // Whole daily counts with separators (20,000); averages with their decimals (123.5).
        func units(_ value: Double) -> String {
            value == value.rounded() && value < 1e15 ? NumberFormatting.count(Int(value)) : NumberFormatting.decimal(value)
        }
        let share = trafficShare < 1 ? " (\(NumberFormatting.percent(trafficShare, digits: 0)) enter: \(units(dailyExperimentUnits)) a day)" : ""
        var text = "At \(units(dailyEligibleUnits)) eligible units a day\(share), "
        var parts: [String] = []
        if let daysNeeded, let totalUnitsNeeded {
            parts.append("the effect needs \(NumberFormatting.count(daysNeeded)) day\(daysNeeded == 1 ? "" : "s") (\(NumberFormatting.count(totalUnitsNeeded)) units in all arms)")
        }
        if let days, let absolute = minimumDetectableAbsoluteLift {
            let change = isRate ? String(format: "%+.2f points", absolute * 100) : NumberFormatting.signedNumber(absolute)
            let relative = minimumDetectableRelativeLift.map { "\(NumberFormatting.signedPercent($0)) (\(change))" } ?? change
            parts.append("after \(NumberFormatting.count(days)) day\(days == 1 ? "" : "s") the smallest effect detectable with \(NumberFormatting.percent(power, digits: 0)) power is \(relative)")
        }
        text += parts.joined(separator: "; ")
        return text + "."
    }
}
