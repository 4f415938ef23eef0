import ABKit
import ABStats

/// The traffic an experiment will get, for `abkit power` and `abkit plan` to turn units into days:
/// eligible units per day, the share that enters the experiment, and optionally a run length.
package struct TrafficOptions: Sendable, Equatable {
    /// Eligible units per day (a daily average may be fractional).
    package var dailyUnits: Double
    /// The share of eligible units that enters the experiment, in (0, 1].
    package var trafficShare: Double
    /// A planned run length: the answer adds the minimum detectable effect after these days.
    package var days: Int?

    /// The longest run `--days` accepts (about 270 years, as the experiment file's windows).
    package static let maximumDays = 100_000

    /// Creates traffic options; everyone eligible enters by default.
    package init(dailyUnits: Double, trafficShare: Double = 1, days: Int? = nil) {
        self.dailyUnits = dailyUnits
        self.trafficShare = trafficShare
        self.days = days
    }

    /// Checks the values, naming the flag at fault.
    package func validate() throws {
        guard dailyUnits.isFinite, dailyUnits > 0, dailyUnits <= Double(UnitCount.maximum) else {
            throw ABKitError.usage("--daily-units must be a number of units per day > 0 (got \(NumberText.exact(dailyUnits)))")
        }
        guard trafficShare.isFinite, trafficShare > 0, trafficShare <= 1 else {
            throw ABKitError.usage("--traffic-share must be a share in (0, 1], e.g. 0.2 for 20% of eligible units (got \(NumberText.exact(trafficShare)))")
        }
        if let days, !(1...Self.maximumDays).contains(days) {
            throw ABKitError.usage("--days must be a whole number of days from 1 to \(Self.maximumDays) (got \(days))")
        }
    }

    /// The traffic plan for `variants` arms.
    func plan(variants: Int) throws -> TrafficPlan {
        try TrafficPlan(dailyEligibleUnits: dailyUnits, variants: variants, trafficShare: trafficShare)
    }
}
