import Foundation

/// What `abkit simulate` generates: traffic, duration, true effects and dirt.
package struct SimulationPlan: Sendable, Equatable {
    /// Users who sign up over the run (before targeting and coverage).
    package var users: Int
    /// Days over which signups arrive.
    package var days: Int
    /// The first signup day (UTC midnight).
    package var start: Date
    /// The seed; the same seed and plan give the same file.
    package var seed: UInt64
    /// Baseline per metric id: the control's conversion or retention probability, the mean
    /// per-unit count, or the mean purchase value for sums.
    package var baselines: [String: Double]
    /// True relative effects per metric id and variant key (0.10 = +10% over the baseline).
    package var effects: [String: [String: Double]]
    /// Relative drop in conversion for users whose message arrives at night (22:00–06:59 in
    /// their time zone): the send-time effect that a "next morning" variant avoids.
    package var nightPenalty: Double
    /// Share of output lines made dirty (broken JSON, missing user, bad timestamp,
    /// non-numeric value, unknown variant, duplicate event id).
    package var dirtyRate: Double

    /// Creates a plan; by default 10,000 users over 14 days from 2026-11-02, seed 1, no effects.
    package init(
        users: Int = 10_000, days: Int = 14, start: Date = Date(timeIntervalSince1970: 1_793_577_600),
        seed: UInt64 = 1, baselines: [String: Double] = [:], effects: [String: [String: Double]] = [:],
        nightPenalty: Double = 0, dirtyRate: Double = 0
    ) {
        self.users = users
        self.days = days
        self.start = start
        self.seed = seed
        self.baselines = baselines
        self.effects = effects
        self.nightPenalty = nightPenalty
        self.dirtyRate = dirtyRate
    }

    /// The most users one run simulates: about 15 GB of JSON lines, already more than a test needs;
    /// beyond it a typo (`--users 2000000000`) would fill the disk for hours.
    package static let maximumUsers = 100_000_000
    /// The longest simulated period, ten years.
    package static let maximumDays = 3650

    /// Checks the plan, naming the option at fault.
    package func validate() throws {
        guard (1...Self.maximumUsers).contains(users) else {
            throw ABKitError.invalidSetting("users", "must be from 1 to \(Self.maximumUsers) (got \(users))")
        }
        guard (1...Self.maximumDays).contains(days) else { throw ABKitError.invalidSetting("days", "must be from 1 to \(Self.maximumDays) (got \(days))") }
        guard dirtyRate >= 0, dirtyRate < 1 else { throw ABKitError.invalidSetting("dirtyRate", "must be in [0, 1) (got \(NumberText.exact(dirtyRate)))") }
        guard nightPenalty >= 0, nightPenalty < 1 else { throw ABKitError.invalidSetting("nightPenalty", "must be in [0, 1) (got \(NumberText.exact(nightPenalty)))") }
        for (metric, value) in baselines where !(value.isFinite && value > 0) {
            throw ABKitError.invalidSetting("baseline", "\(metric)=\(value): expected a number > 0")
        }
        for (metric, byVariant) in effects {
            for (variant, effect) in byVariant where !(effect.isFinite && effect > -1) {
                throw ABKitError.invalidSetting("effect", "\(metric):\(variant)=\(effect): expected a relative effect > -1")
            }
        }
    }
}
