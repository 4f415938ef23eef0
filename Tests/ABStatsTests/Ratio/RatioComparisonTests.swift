import Foundation
import Testing
@testable import ABStats

/// Fixtures/ratio_reference.json, made by Tests/Reference/make_ratio_reference.py: the delta method
/// evaluated from the raw rows with numpy, and a seeded bootstrap with 20,000 replicates.
struct RatioFixture: Decodable, Sendable {
    struct Sums: Decodable, Sendable {
        let units: Int, sumNumerator: Double, sumDenominator: Double
        let sumNumeratorSquares: Double, sumDenominatorSquares: Double, sumProducts: Double
        func sample() throws -> RatioSample {
            try RatioSample(
                units: units, sumNumerator: sumNumerator, sumDenominator: sumDenominator,
                sumNumeratorSquares: sumNumeratorSquares, sumDenominatorSquares: sumDenominatorSquares, sumProducts: sumProducts)
        }
    }
    struct Delta: Decodable, Sendable {
        let ratios: [Double], standardError: Double, statistic: Double, pValue: Double, ci: [Double]
        let relativeLift: Double, relativeStandardError: Double
    }
    struct Bootstrap: Decodable, Sendable {
        let replicates: Int, standardError: Double, ci: [Double], relativeStandardError: Double, relativeCi: [Double]
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, alpha: Double, control: Sums, variant: Sums, controlHalves: [Sums]
        let delta: Delta, bootstrap: Bootstrap
        var testDescription: String { id }
    }
    let cases: [Case]
}

private let cases = Fixture.table("ratio_reference", as: RatioFixture.self) { $0.cases }

@Suite("Ratio metrics: delta method agrees with numpy and with the bootstrap")
struct RatioComparisonTests {
    @Test("fixture table is present")
    func fixtureSanity() { #expect(cases.count == 6) }

    @Test("delta-method estimate, standard error, interval and p-value match numpy", arguments: cases)
    func deltaMethod(_ c: RatioFixture.Case) throws {
        let result = try RatioComparison.compare(control: try c.control.sample(), variant: try c.variant.sample(), alpha: c.alpha)
        #expect(result.test == .deltaMethodZ)
        #expect(isClose(result.controlEstimate, c.delta.ratios[0], relative: 1e-12))
        #expect(isClose(result.variantEstimate, c.delta.ratios[1], relative: 1e-12))
        #expect(isClose(result.standardError, c.delta.standardError, relative: 1e-8), "se \(result.standardError) vs \(c.delta.standardError)")
        #expect(isClose(result.statistic!, c.delta.statistic, relative: 1e-8, absolute: 1e-10))
        #expect(isClose(result.pValue, c.delta.pValue, relative: 1e-7, absolute: 1e-12))
        #expect(isClose(result.confidenceInterval.lower, c.delta.ci[0], relative: 1e-8, absolute: 1e-10))
        #expect(isClose(result.confidenceInterval.upper, c.delta.ci[1], relative: 1e-8, absolute: 1e-10))
        #expect(isClose(result.relativeLift!, c.delta.relativeLift, relative: 1e-10, absolute: 1e-13))
        #expect(isClose(result.relativeStandardError!, c.delta.relativeStandardError, relative: 1e-8))
    }

    /// Bootstrap noise on a standard error is about 1/√(2B) = 0.5% at B = 20,000; the delta method
    /// adds its own O(1/n) error, and skewed revenue moves percentile intervals off the symmetric
    /// ones by up to 0.27 standard errors at 400 units (the relative lift of revenue-small): 0.3 allowed.
    @Test("delta-method standard errors and intervals agree with the bootstrap within its noise", arguments: cases)
    func bootstrap(_ c: RatioFixture.Case) throws {
        let result = try RatioComparison.compare(control: try c.control.sample(), variant: try c.variant.sample(), alpha: c.alpha)
        #expect(abs(result.standardError / c.bootstrap.standardError - 1) < 0.03)
        #expect(abs(result.relativeStandardError! / c.bootstrap.relativeStandardError - 1) < 0.03)
        let se = result.standardError, relativeSE = result.relativeStandardError!
        #expect(abs(result.confidenceInterval.lower - c.bootstrap.ci[0]) < 0.3 * se)
        #expect(abs(result.confidenceInterval.upper - c.bootstrap.ci[1]) < 0.3 * se)
        #expect(abs(result.relativeConfidenceInterval!.lower - c.bootstrap.relativeCi[0]) < 0.3 * relativeSE)
        #expect(abs(result.relativeConfidenceInterval!.upper - c.bootstrap.relativeCi[1]) < 0.3 * relativeSE)
    }

    @Test("partial aggregates add up to the whole", arguments: cases)
    func addition(_ c: RatioFixture.Case) throws {
        let whole = try c.control.sample()
        let combined = try c.controlHalves[0].sample() + c.controlHalves[1].sample()
        #expect(combined.units == whole.units)
        #expect(isClose(combined.ratio!, whole.ratio!, relative: 1e-12))
        #expect(isClose(combined.varianceOfRatio!, whole.varianceOfRatio!, relative: 1e-9))
    }

    @Test("swapping groups negates the difference and keeps the p-value")
    func symmetry() throws {
        let a = try RatioSample(units: 1000, sumNumerator: 620, sumDenominator: 3_050, sumNumeratorSquares: 1_100,
                                sumDenominatorSquares: 12_400, sumProducts: 2_500)
        let b = try RatioSample(units: 1100, sumNumerator: 730, sumDenominator: 3_300, sumNumeratorSquares: 1_350,
                                sumDenominatorSquares: 13_500, sumProducts: 2_950)
        let forward = try RatioComparison.compare(control: a, variant: b)
        let backward = try RatioComparison.compare(control: b, variant: a)
        #expect(forward.absoluteDifference == -backward.absoluteDifference)
        #expect(isClose(forward.pValue, backward.pValue, relative: 1e-12))
        let greater = try RatioComparison.compare(control: a, variant: b, alternative: .greater).pValue
        let less = try RatioComparison.compare(control: a, variant: b, alternative: .less).pValue
        #expect(isClose(greater + less, 1, relative: 1e-12))
    }

    @Test("invalid input throws StatsError")
    func invalidInput() throws {
        #expect(throws: StatsError.self) {
            try RatioSample(units: 0, sumNumerator: 0, sumDenominator: 0, sumNumeratorSquares: 0, sumDenominatorSquares: 0, sumProducts: 0)
        }
        #expect(throws: StatsError.self) {
            try RatioSample(units: 5, sumNumerator: 10, sumDenominator: 5, sumNumeratorSquares: 1, sumDenominatorSquares: 5, sumProducts: 10)
        }
        #expect(throws: StatsError.self) {
            try RatioSample(units: 5, sumNumerator: 1, sumDenominator: 5, sumNumeratorSquares: 1, sumDenominatorSquares: 5, sumProducts: .nan)
        }
        let noDenominator = try RatioSample(units: 5, sumNumerator: 0, sumDenominator: 0, sumNumeratorSquares: 0,
                                            sumDenominatorSquares: 0, sumProducts: 0)
        let fine = try RatioSample(units: 5, sumNumerator: 3, sumDenominator: 9, sumNumeratorSquares: 3,
                                   sumDenominatorSquares: 21, sumProducts: 7)
        #expect(noDenominator.ratio == nil)
        #expect(throws: StatsError.self) { try RatioComparison.compare(control: noDenominator, variant: fine) }
        let single = try RatioSample(units: 1, sumNumerator: 1, sumDenominator: 2, sumNumeratorSquares: 1,
                                     sumDenominatorSquares: 4, sumProducts: 2)
        #expect(throws: StatsError.self) { try RatioComparison.compare(control: single, variant: fine) }
        #expect(throws: StatsError.self) { try RatioComparison.compare(control: fine, variant: fine, alpha: 1.5) }
        // Every unit has the same ratio: no variance at all.
        let constant = try RatioSample(units: 4, sumNumerator: 4, sumDenominator: 8, sumNumeratorSquares: 4,
                                       sumDenominatorSquares: 16, sumProducts: 8)
        #expect(throws: StatsError.self) { try RatioComparison.compare(control: constant, variant: constant) }
    }
}
