import Foundation
import Testing
@testable import ABStats

/// Fixtures/trend_reference.json, made by Tests/Reference/make_trend_reference.py: Cochran–Armitage
/// by numpy (checked there against R's prop.trend.test example and statsmodels'
/// test_ordinal_association), linear contrasts by numpy/scipy (checked against scipy's Welch t-test).
struct TrendFixture: Decodable, Sendable {
    struct Proportions: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, units: [Int], conversions: [Int], scores: [Double]
        let statistic: Double, pValue: Double, pValueIncreasing: Double, pValueDecreasing: Double
        let slope: Double, standardError: Double
        var testDescription: String { id }
        func samples() throws -> [ProportionSample] {
            try zip(units, conversions).map { try ProportionSample(units: $0, conversions: $1) }
        }
    }
    struct Group: Decodable, Sendable { let units: Int, sum: Double, sumSquares: Double }
    struct Means: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, scores: [Double], groups: [Group]
        let statistic: Double, degreesOfFreedom: Double, pValue: Double, pValueIncreasing: Double, pValueDecreasing: Double
        let slope: Double, standardError: Double
        var testDescription: String { id }
        func samples() throws -> [MeanSample] {
            try groups.map { try MeanSample(units: $0.units, sum: $0.sum, sumSquares: $0.sumSquares) }
        }
    }
    struct RExample: Decodable, Sendable { let statistic: Double, chiSquared: Double, pValue: Double }
    let rExample: RExample
    let proportions: [Proportions]
    let means: [Means]
}

private let fixture = try? Fixture.load("trend_reference", as: TrendFixture.self)
private let proportionCases = fixture?.proportions ?? []
private let meanCases = fixture?.means ?? []

@Suite("Trend tests across ordered groups agree with numpy, statsmodels, scipy and R's example")
struct TrendTestTests {
    @Test("fixture tables are present")
    func fixtureSanity() {
        #expect(proportionCases.count == 6)
        #expect(meanCases.count == 4)
    }

    @Test("Cochran–Armitage matches the reference", arguments: proportionCases)
    func cochranArmitage(_ c: TrendFixture.Proportions) throws {
        let result = try TrendTest.cochranArmitage(try c.samples(), scores: c.scores)
        #expect(result.test == "cochran-armitage")
        #expect(result.degreesOfFreedom == nil)
        #expect(isClose(result.statistic, c.statistic, relative: 1e-10, absolute: 1e-12))
        #expect(isClose(result.pValue, c.pValue, relative: 1e-9, absolute: 1e-15))
        #expect(isClose(result.pValueIncreasing, c.pValueIncreasing, relative: 1e-9, absolute: 1e-15))
        #expect(isClose(result.pValueDecreasing, c.pValueDecreasing, relative: 1e-9, absolute: 1e-15))
        #expect(isClose(result.slope, c.slope, relative: 1e-10, absolute: 1e-15))
        #expect(isClose(result.standardError, c.standardError, relative: 1e-10))
    }

    @Test("R's prop.trend.test example: X-squared = 8.2249, p = 0.004132")
    func rExample() throws {
        let samples = try zip([86, 93, 136, 82], [83, 90, 129, 70]).map { try ProportionSample(units: $0, conversions: $1) }
        let result = try TrendTest.cochranArmitage(samples, scores: [1, 2, 3, 4])
        #expect(abs(result.statistic * result.statistic - 8.2249) < 5e-5)
        #expect(abs(result.pValue - 0.004132) < 5e-7)
    }

    @Test("linear contrast matches the reference", arguments: meanCases)
    func linearContrast(_ c: TrendFixture.Means) throws {
        let result = try TrendTest.linearContrast(try c.samples(), scores: c.scores)
        #expect(result.test == "linear-contrast")
        #expect(isClose(result.statistic, c.statistic, relative: 1e-8, absolute: 1e-12))
        #expect(isClose(result.degreesOfFreedom!, c.degreesOfFreedom, relative: 1e-8))
        #expect(isClose(result.pValue, c.pValue, relative: 1e-7, absolute: 1e-14))
        #expect(isClose(result.pValueIncreasing, c.pValueIncreasing, relative: 1e-7, absolute: 1e-14))
        #expect(isClose(result.pValueDecreasing, c.pValueDecreasing, relative: 1e-7, absolute: 1e-14))
        #expect(isClose(result.slope, c.slope, relative: 1e-8, absolute: 1e-14))
        #expect(isClose(result.standardError, c.standardError, relative: 1e-8))
    }

    @Test("reversing the scores negates the statistic and swaps the one-sided p-values")
    func reversal() throws {
        let samples = try zip([1000, 1000, 1000], [200, 230, 260]).map { try ProportionSample(units: $0, conversions: $1) }
        let up = try TrendTest.cochranArmitage(samples, scores: [0, 1, 2])
        let down = try TrendTest.cochranArmitage(samples, scores: [0, -1, -2])
        #expect(isClose(up.statistic, -down.statistic, relative: 1e-12))
        #expect(isClose(up.pValueIncreasing, down.pValueDecreasing, relative: 1e-12))
        #expect(isClose(up.pValue, down.pValue, relative: 1e-12))
        // Shifting and scaling the scores changes nothing but the slope.
        let scaled = try TrendTest.cochranArmitage(samples, scores: [10, 12, 14])
        #expect(isClose(up.statistic, scaled.statistic, relative: 1e-12))
        #expect(isClose(up.slope, 2 * scaled.slope, relative: 1e-12))
    }

    @Test("bad input throws typed errors instead of returning NaN")
    func badInput() throws {
        let p = try ProportionSample(units: 100, conversions: 10)
        #expect(throws: StatsError.self) { try TrendTest.cochranArmitage([p], scores: [0]) }
        #expect(throws: StatsError.self) { try TrendTest.cochranArmitage([p, p], scores: [0]) }
        #expect(throws: StatsError.self) { try TrendTest.cochranArmitage([p, p], scores: [0, .nan]) }
        #expect(throws: StatsError.self) { try TrendTest.cochranArmitage([p, p], scores: [3, 3]) }
        let none = try ProportionSample(units: 100, conversions: 0)
        #expect(throws: StatsError.self) { try TrendTest.cochranArmitage([none, none], scores: [0, 1]) }
        let all = try ProportionSample(units: 100, conversions: 100)
        #expect(throws: StatsError.self) { try TrendTest.cochranArmitage([all, all], scores: [0, 1]) }
        let m = try MeanSample(units: 10, sum: 10, sumSquares: 10)  // zero variance
        #expect(throws: StatsError.self) { try TrendTest.linearContrast([m, m], scores: [0, 1]) }
        let single = try MeanSample(units: 1, sum: 2, sumSquares: 4)
        let fine = try MeanSample(units: 10, sum: 10, sumSquares: 20)
        #expect(throws: StatsError.self) { try TrendTest.linearContrast([fine, single], scores: [0, 1]) }
        #expect(throws: StatsError.self) { try TrendTest.linearContrast([fine, fine], scores: [1, 1]) }
    }
}
