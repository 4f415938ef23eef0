import Foundation
import Testing
@testable import ABStats

/// Fixtures/duration_reference.json, made by Tests/Reference/make_duration_reference.py from
/// statsmodels' NormalIndPower.
struct DurationFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, metric: [PowerFixture.MetricValue], liftKind: String, lift: Double, alpha: Double, power: Double
        let ratio: Double, alternative: String, dailyEligibleUnits: Double, variants: Int, trafficShare: Double
        let nobs1: Double, controlUnits: Int, variantUnits: Int, totalUnits: Int, days: Int
        let mdeDays: Int, nobs1AfterDays: Double, detectableEffectSize: Double, detectableAbsoluteLift: Double
        var testDescription: String { id }

        var calculator: PowerCalculator {
            get throws { try PowerFixture.calculator(metric: metric, alpha: alpha, ratio: ratio, alternative: alternative) }
        }
        var liftValue: PowerCalculator.Lift { PowerFixture.lift(kind: liftKind, value: lift) }
        var traffic: TrafficPlan {
            get throws { try TrafficPlan(dailyEligibleUnits: dailyEligibleUnits, variants: variants, trafficShare: trafficShare) }
        }
    }
    let cases: [Case]
}

private let cases = Fixture.table("duration_reference", as: DurationFixture.self) { $0.cases }

@Suite("Experiment duration agrees with statsmodels' NormalIndPower")
struct DurationReferenceTests {
    @Test("fixture table is present")
    func fixtureSanity() { #expect(cases.count == 8) }

    @Test("days for the sample size, and the detectable effect after N days", arguments: cases)
    func reference(_ c: DurationFixture.Case) throws {
        let calculator = try c.calculator, traffic = try c.traffic
        let plan = try calculator.duration(lift: c.liftValue, power: c.power, traffic: traffic)
        #expect(isClose(plan.sampleSize.nobs1, c.nobs1, relative: 1e-9))
        #expect(plan.sampleSize.controlUnits == c.controlUnits && plan.sampleSize.variantUnits == c.variantUnits)
        #expect(plan.totalUnits == c.totalUnits)
        #expect(plan.days == c.days, "days \(plan.days) vs \(c.days)")
        #expect(isClose(traffic.controlUnits(afterDays: Double(c.mdeDays), ratio: c.ratio), c.nobs1AfterDays, relative: 1e-14))
        let mde = try calculator.minimumDetectableEffect(afterDays: c.mdeDays, power: c.power, traffic: traffic)
        #expect(isClose(mde.effectSize, c.detectableEffectSize, relative: 1e-9), "d \(mde.effectSize) vs \(c.detectableEffectSize)")
        #expect(isClose(mde.absoluteLift, c.detectableAbsoluteLift, relative: 1e-8))
    }

    @Test("the planned days reach the power and one day fewer does not")
    func daysAreTheLeastSufficient() throws {
        let calculator = try PowerCalculator(metric: .proportion(baseline: 0.08), test: try NormalIndPower())
        for (daily, variants, share) in [(1000.0, 2, 1.0), (2500.0, 3, 0.4), (40_000.0, 5, 0.05)] {
            let traffic = try TrafficPlan(dailyEligibleUnits: daily, variants: variants, trafficShare: share)
            let plan = try calculator.duration(lift: .relative(0.1), power: 0.8, traffic: traffic)
            let reached = try calculator.power(lift: .relative(0.1), nobs1: traffic.controlUnits(afterDays: Double(plan.days), ratio: 1))
            #expect(reached >= 0.8)
            // The total fits in the planned days and not in one day fewer.
            #expect(Double(plan.totalUnits) <= Double(plan.days) * traffic.dailyExperimentUnits)
            #expect(Double(plan.totalUnits) > Double(plan.days - 1) * traffic.dailyExperimentUnits)
            // The detectable lift after the planned days is no larger than the lift planned for.
            let mde = try calculator.minimumDetectableEffect(afterDays: plan.days, power: 0.8, traffic: traffic)
            #expect(try #require(mde.relativeLift) <= 0.1 + 1e-12)
        }
    }

    @Test("bad traffic is refused with the field named")
    func invalidTraffic() throws {
        #expect(throws: StatsError.invalidParameter(name: "dailyEligibleUnits", value: "0.0", expected: "a finite number > 0")) {
            try TrafficPlan(dailyEligibleUnits: 0)
        }
        #expect(throws: StatsError.self) { try TrafficPlan(dailyEligibleUnits: .infinity) }
        #expect(throws: StatsError.self) { try TrafficPlan(dailyEligibleUnits: 100, variants: 1) }
        for share in [0, -0.1, 1.01, .nan] {
            #expect(throws: StatsError.self) { try TrafficPlan(dailyEligibleUnits: 100, trafficShare: share) }
        }
        let calculator = try PowerCalculator(metric: .mean(mean: 1, standardDeviation: 1), test: try NormalIndPower())
        #expect(throws: StatsError.self) {
            try calculator.minimumDetectableEffect(afterDays: 0, power: 0.8, traffic: try TrafficPlan(dailyEligibleUnits: 10))
        }
        // A trickle of traffic for a tiny effect needs more days than can be counted.
        #expect(throws: StatsError.self) {
            try calculator.duration(lift: .absolute(1e-6), power: 0.8, traffic: try TrafficPlan(dailyEligibleUnits: 1e-6))
        }
    }
}
