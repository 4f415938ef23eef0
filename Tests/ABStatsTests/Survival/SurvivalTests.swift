import Foundation
import Testing
@testable import ABStats

/// Fixtures/survival_reference.json, made by Tests/Reference/make_survival_reference.py from lifelines.
struct SurvivalFixture: Decodable, Sendable {
    struct Point: Decodable, Sendable { let time: Double, survival: Double, lower: Double, upper: Double }
    struct Group: Decodable, Sendable {
        let points: [Point], median: Double?, medianInterval: [Double?], rmst: Double, rmstVariance: Double
    }
    struct LogRank: Decodable, Sendable { let statistic: Double, pValue: Double }
    struct RMSTDifference: Decodable, Sendable {
        let difference: Double, standardError: Double, ci: [Double], pValue: Double, bootstrapStandardError: Double
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, alpha: Double, horizon: Double
        let controlTable: [LifeTableRow], variantTable: [LifeTableRow]
        let control: Group, variant: Group, logRank: LogRank, rmstDifference: RMSTDifference
        var testDescription: String { id }
    }
    let cases: [Case]
}

private let cases = Fixture.table("survival_reference", as: SurvivalFixture.self) { $0.cases }

@Suite("Survival analysis agrees with lifelines")
struct SurvivalTests {
    @Test("fixture table is present")
    func fixtureSanity() { #expect(cases.count == 6) }

    @Test("Kaplan–Meier curve, Greenwood band, median and its interval", arguments: cases)
    func kaplanMeier(_ c: SurvivalFixture.Case) throws {
        for (table, expected) in [(c.controlTable, c.control), (c.variantTable, c.variant)] {
            let curve = try KaplanMeierCurve(try SurvivalSample(rows: table), alpha: c.alpha)
            for point in expected.points {
                #expect(isClose(curve.survival(at: point.time), point.survival, relative: 1e-12), "S(\(point.time))")
                #expect(isClose(curve.band(at: point.time).lower, point.lower, relative: 1e-9), "lower band at \(point.time)")
                #expect(isClose(curve.band(at: point.time).upper, point.upper, relative: 1e-9), "upper band at \(point.time)")
            }
            #expect(curve.median == expected.median)
            #expect(curve.medianInterval.lower == expected.medianInterval[0])
            #expect(curve.medianInterval.upper == expected.medianInterval[1])
            let rmst = try curve.restrictedMean(horizon: c.horizon)
            #expect(isClose(rmst.estimate, expected.rmst, relative: 1e-12), "RMST \(rmst.estimate) vs \(expected.rmst)")
            #expect(isClose(rmst.variance, expected.rmstVariance, relative: 1e-10), "RMST variance")
        }
    }

    @Test("log-rank test and RMST difference", arguments: cases)
    func comparisons(_ c: SurvivalFixture.Case) throws {
        let control = try SurvivalSample(rows: c.controlTable), variant = try SurvivalSample(rows: c.variantTable)
        let logRank = try SurvivalComparison.logRank(control: control, variant: variant)
        #expect(isClose(logRank.statistic, c.logRank.statistic, relative: 1e-10))
        #expect(isClose(logRank.pValue, c.logRank.pValue, relative: 1e-9))
        let rmst = try SurvivalComparison.restrictedMeanDifference(
            control: control, variant: variant, horizon: c.horizon, alpha: c.alpha)
        #expect(rmst.test == .restrictedMeanSurvivalZ)
        #expect(isClose(rmst.absoluteDifference, c.variant.rmst - c.control.rmst, relative: 1e-10, absolute: 1e-12))
        #expect(isClose(rmst.standardError, (c.control.rmstVariance + c.variant.rmstVariance).squareRoot(), relative: 1e-10))
        let expected = c.rmstDifference
        #expect(isClose(rmst.standardError, expected.standardError, relative: 1e-9))
        #expect(isClose(rmst.pValue, expected.pValue, relative: 1e-9))
        let interval = rmst.confidenceInterval
        #expect(isClose(interval.lower, expected.ci[0], relative: 1e-9, absolute: 1e-12))
        #expect(isClose(interval.upper, expected.ci[1], relative: 1e-9, absolute: 1e-12))
        // The variance formula against a bootstrap of units (1,000 replicates: about ±5% noise).
        #expect(abs(rmst.standardError / expected.bootstrapStandardError - 1) < 0.1)
    }

    @Test("swapping groups keeps the log-rank statistic; partial life tables add up")
    func symmetryAndAddition() throws {
        let c = try #require(cases.first)
        let control = try SurvivalSample(rows: c.controlTable), variant = try SurvivalSample(rows: c.variantTable)
        let forward = try SurvivalComparison.logRank(control: control, variant: variant)
        let backward = try SurvivalComparison.logRank(control: variant, variant: control)
        #expect(isClose(forward.statistic, backward.statistic, relative: 1e-10))
        let half = c.controlTable.count / 2
        let combined = try SurvivalSample(rows: Array(c.controlTable[..<half])) + SurvivalSample(rows: Array(c.controlTable[half...]))
        #expect(combined == control)
        let fromUnits = try SurvivalSample(times: [3, 1, 3, 2], observed: [true, false, false, true])
        #expect(fromUnits.table == [LifeTableRow(time: 1, events: 0, censored: 1), LifeTableRow(time: 2, events: 1, censored: 0),
                                    LifeTableRow(time: 3, events: 1, censored: 1)])
    }

    @Test("edge cases: everyone has the event, no event at all, bad input")
    func edgeCases() throws {
        let all = try SurvivalSample(times: [1, 2, 3], observed: [true, true, true])
        let curve = try KaplanMeierCurve(all)
        #expect(curve.survival(at: 3) == 0 && curve.band(at: 3) == ConfidenceInterval(lower: 0, upper: 0))
        #expect(curve.survival(at: 0.5) == 1 && curve.median == 2)
        #expect(try curve.restrictedMean(horizon: 10).estimate == 2)
        let none = try SurvivalSample(times: [5, 6, 7], observed: [false, false, false])
        #expect(try KaplanMeierCurve(none).median == nil)
        #expect(throws: StatsError.self) { try SurvivalComparison.logRank(control: none, variant: none) }
        #expect(throws: StatsError.self) {
            try SurvivalComparison.restrictedMeanDifference(control: none, variant: none, horizon: 4)
        }
        #expect(throws: StatsError.self) { try SurvivalSample(times: [1, 2], observed: [true]) }
        #expect(throws: StatsError.self) { try SurvivalSample(times: [], observed: []) }
        #expect(throws: StatsError.self) { try SurvivalSample(times: [-1], observed: [true]) }
        #expect(throws: StatsError.self) { try SurvivalSample(times: [.nan], observed: [true]) }
        #expect(throws: StatsError.self) { try SurvivalSample(rows: [LifeTableRow(time: 1, events: -1, censored: 2)]) }
        // The message names the row and the field that is wrong.
        #expect(throws: StatsError.invalidVariant(variant: "one-hour", field: "rows[1].censored", reason: "must be ≥ 0 (got -2 at time 3)")) {
            try SurvivalSample(rows: [LifeTableRow(time: 1, events: 1, censored: 0), LifeTableRow(time: 3, events: 0, censored: -2)], label: "one-hour")
        }
        #expect(throws: StatsError.self) { try KaplanMeierCurve(all).restrictedMean(horizon: 0) }
        #expect(throws: StatsError.self) { try KaplanMeierCurve(all, alpha: 2) }
    }
}
