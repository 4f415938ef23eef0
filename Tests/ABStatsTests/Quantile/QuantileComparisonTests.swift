import Foundation
import Testing
@testable import ABStats

/// Fixtures/quantile_reference.json, made by Tests/Reference/make_quantile_reference.py: numpy
/// quantiles, scipy's quantile_test order-statistic intervals, the Price–Bonett standard error and
/// a seeded bootstrap of the difference.
struct QuantileFixture: Decodable, Sendable {
    struct Estimate: Decodable, Sendable { let estimate: Double, interval: [Double] }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, level: Double, alpha: Double, control: [Double], variant: [Double]
        let controlQuantile: Estimate, variantQuantile: Estimate
        let difference: Double, standardError: Double, ci: [Double], pValue: Double, bootstrapStandardError: Double
        let pValueGreater: Double, pValueLess: Double
        var testDescription: String { id }
    }
    let cases: [Case]
}

private let cases = Fixture.table("quantile_reference", as: QuantileFixture.self) { $0.cases }

@Suite("Quantile differences agree with numpy, scipy's quantile_test and a bootstrap")
struct QuantileComparisonTests {
    @Test("fixture table is present")
    func fixtureSanity() { #expect(cases.count == 4) }

    @Test("quantiles and order-statistic intervals match numpy and scipy exactly", arguments: cases)
    func quantiles(_ c: QuantileFixture.Case) throws {
        for (values, reference) in [(c.control, c.controlQuantile), (c.variant, c.variantQuantile)] {
            let q = try QuantileComparison.quantile(values, level: c.level, alpha: c.alpha)
            #expect(isClose(q.estimate, reference.estimate, relative: 1e-12))
            let interval = try #require(q.interval)
            #expect(interval.lower == reference.interval[0] && interval.upper == reference.interval[1])
        }
    }

    @Test("difference, standard error, interval and p-value match; the bootstrap agrees within 15%", arguments: cases)
    func difference(_ c: QuantileFixture.Case) throws {
        let d = try QuantileComparison.difference(control: c.control, variant: c.variant, level: c.level, alpha: c.alpha)
        #expect(isClose(d.difference, c.difference, relative: 1e-12, absolute: 1e-12))
        #expect(isClose(d.standardError, c.standardError, relative: 1e-9))
        #expect(isClose(d.confidenceInterval.lower, c.ci[0], relative: 1e-9, absolute: 1e-12))
        #expect(isClose(d.confidenceInterval.upper, c.ci[1], relative: 1e-9, absolute: 1e-12))
        #expect(isClose(d.pValue, c.pValue, relative: 1e-8))
        #expect(abs(d.standardError / c.bootstrapStandardError - 1) < 0.15)
        for (alternative, expected) in [(Alternative.greater, c.pValueGreater), (.less, c.pValueLess)] {
            let oneSided = try QuantileComparison.difference(
                control: c.control, variant: c.variant, level: c.level, alpha: c.alpha, alternative: alternative)
            #expect(isClose(oneSided.pValue, expected, relative: 1e-8), "\(alternative)")
            #expect(oneSided.confidenceInterval == d.confidenceInterval)
        }
    }

    @Test("swapping the groups negates the difference")
    func symmetry() throws {
        let c = try #require(cases.first)
        let ab = try QuantileComparison.difference(control: c.control, variant: c.variant)
        let ba = try QuantileComparison.difference(control: c.variant, variant: c.control)
        #expect(ab.difference == -ba.difference && ab.standardError == ba.standardError && ab.pValue == ba.pValue)
    }

    @Test("bad input throws typed errors instead of returning NaN")
    func badInput() throws {
        #expect(throws: StatsError.self) { try QuantileComparison.quantile([], level: 0.5) }
        #expect(throws: StatsError.self) { try QuantileComparison.quantile([1, .nan], level: 0.5) }
        #expect(throws: StatsError.self) { try QuantileComparison.quantile([1, 2], level: 1) }
        #expect(throws: StatsError.self) { try QuantileComparison.quantile([1, 2], level: 0.5, alpha: 0) }
        // Five units cannot give a 95% interval of the median; the single quantile still can be estimated.
        let small = try QuantileComparison.quantile([1, 2, 3, 4, 5])
        #expect(small.estimate == 3 && small.interval == nil)
        #expect(throws: StatsError.self) { try QuantileComparison.difference(control: [1, 2, 3, 4, 5], variant: [2, 3, 4, 5, 6]) }
        let ties = Array(repeating: 4.0, count: 50)
        #expect(throws: StatsError.self) { try QuantileComparison.difference(control: ties, variant: ties) }
    }
}
