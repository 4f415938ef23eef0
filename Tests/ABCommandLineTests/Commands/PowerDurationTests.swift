import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

/// `--daily-units`, `--traffic-share` and `--days` on `abkit power` and `abkit plan`, against the
/// statsmodels values of Tests/Reference/make_duration_reference.py (case rate-half-traffic).
@Suite("abkit power and plan: days at a daily traffic")
struct PowerDurationTests {
    private let halfTraffic = TrafficOptions(dailyUnits: 20000, trafficShare: 0.5, days: 14)

    @Test("days needed and the effect detectable after 14 days (statsmodels: 12 days, +0.4537 points)")
    func power() throws {
        let report = try PowerRunner(options: PowerOptions(baseline: 0.1, relativeLift: 0.05, traffic: halfTraffic)).compute()
        let duration = try #require(report.duration)
        #expect(duration.daysNeeded == 12)
        #expect(duration.totalUnitsNeeded == 115_512)
        #expect(duration.dailyExperimentUnits == 10_000)
        #expect(duration.controlUnitsAfterDays == 70_000)
        #expect(abs(try #require(duration.minimumDetectableAbsoluteLift) - 0.00453720725101206) < 1e-9)
        #expect(abs(try #require(duration.minimumDetectableRelativeLift) - 0.0453720725101206) < 1e-8)
        let text = PowerRunner(options: PowerOptions(baseline: 0.1, relativeLift: 0.05, traffic: halfTraffic)).run().standardOutput
        #expect(text.hasSuffix("\nAt 20,000 eligible units a day (50% enter: 10,000 a day), the effect needs 12 days (115,512 units in all arms); "
            + "after 14 days the smallest effect detectable with 80% power is +4.54% (+0.45 points).\n"))
    }

    @Test("--days alone with --daily-units asks for the minimum detectable effect; JSON carries the duration")
    func daysOnly() throws {
        let output = PowerRunner(options: PowerOptions(baseline: 0.1, format: .json, traffic: TrafficOptions(dailyUnits: 20000, days: 14))).run()
        #expect(output.exitCode == .success)
        let root = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(root["question"] as? String == "minimum-detectable-effect")
        #expect(root["controlUnits"] as? Int == 140_000)
        let duration = try #require(root["duration"] as? [String: Any])
        #expect(duration["days"] as? Int == 14)
        #expect(duration["daysNeeded"] == nil)
        // rate-two-arms-full: after 14 days of 20,000 a day, 140,000 per arm detect +0.3199 points.
        #expect(abs((duration["minimumDetectableAbsoluteLift"] as? Double ?? 0) - 0.0031990608923710556) < 1e-9)
    }

    @Test("bad traffic values are usage errors naming the flag")
    func badTraffic() {
        let share = PowerRunner(options: PowerOptions(baseline: 0.1, relativeLift: 0.05, traffic: TrafficOptions(dailyUnits: 100, trafficShare: 1.5))).run()
        #expect(share.exitCode == .usage)
        #expect(share.standardError.contains("--traffic-share must be a share in (0, 1]"))
        let daily = PowerRunner(options: PowerOptions(baseline: 0.1, relativeLift: 0.05, traffic: TrafficOptions(dailyUnits: 0))).run()
        #expect(daily.standardError.contains("--daily-units must be a number of units per day > 0 (got 0)"))
        let days = PowerRunner(options: PowerOptions(baseline: 0.1, traffic: TrafficOptions(dailyUnits: 100, days: 0))).run()
        #expect(days.standardError.contains("--days must be a whole number of days from 1 to 100000 (got 0)"))
    }

    @Test("abkit plan says the days too")
    func plan() throws {
        let report = try PlanRunner(options: PlanOptions(baseline: 0.1, relativeLift: 0.05, traffic: halfTraffic)).compute()
        #expect(report.power.duration?.daysNeeded == 12)
        let text = PlanRunner(options: PlanOptions(baseline: 0.1, relativeLift: 0.05, traffic: halfTraffic)).run().standardOutput
        #expect(text.contains("the effect needs 12 days"))
    }
}
