import Foundation
import Testing
@testable import ABStats

/// Fixtures/cuped_reference.json, made by Tests/Reference/make_cuped_reference.py from statsmodels
/// OLS and scipy's Welch test on the raw rows.
struct CUPEDFixture: Decodable, Sendable {
    struct Sums: Decodable, Sendable {
        let units: Int, sumY: Double, sumYSquares: Double, sumX: Double, sumXSquares: Double, sumXY: Double
        func sample(_ label: String = "sample") throws -> CovariateSample {
            try CovariateSample(
                units: units, sumY: sumY, sumYSquares: sumYSquares, sumX: sumX, sumXSquares: sumXSquares, sumXY: sumXY, label: label)
        }
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, alpha: Double, control: Sums, variant: Sums, controlHalves: [Sums]
        let theta: Double, difference: Double, olsStandardError: Double, adjustedMeans: [Double]
        let standardError: Double, statistic: Double, pValue: Double, df: Double, ci: [Double]
        let unadjustedStandardError: Double, varianceReduction: Double
        var testDescription: String { id }
    }
    let cases: [Case]
}

private let cases = Fixture.table("cuped_reference", as: CUPEDFixture.self) { $0.cases }

@Suite("CUPED agrees with OLS and Welch on the adjusted values")
struct CUPEDTests {
    @Test("fixture table is present")
    func fixtureSanity() { #expect(cases.count == 8) }

    @Test("theta, adjusted difference, interval, p-value and variance reduction", arguments: cases)
    func reference(_ c: CUPEDFixture.Case) throws {
        let result = try CUPED.compare(control: try c.control.sample(), variant: try c.variant.sample(), alpha: c.alpha)
        let comparison = result.comparison
        // Sums of squares of values near 10 lose ~1e-12 relative to cancellation; allow 1e-8.
        #expect(isClose(result.theta, c.theta, relative: 1e-8, absolute: 1e-10), "theta \(result.theta) vs \(c.theta)")
        #expect(isClose(comparison.absoluteDifference, c.difference, relative: 1e-8, absolute: 1e-10))
        #expect(isClose(comparison.controlEstimate, c.adjustedMeans[0], relative: 1e-9))
        #expect(isClose(comparison.variantEstimate, c.adjustedMeans[1], relative: 1e-9))
        #expect(isClose(comparison.standardError, c.standardError, relative: 1e-8))
        #expect(isClose(comparison.statistic!, c.statistic, relative: 1e-7, absolute: 1e-9))
        #expect(isClose(comparison.degreesOfFreedom!, c.df, relative: 1e-8))
        #expect(isClose(comparison.pValue, c.pValue, relative: 1e-6, absolute: 1e-12), "p \(comparison.pValue) vs \(c.pValue)")
        #expect(isClose(comparison.confidenceInterval.lower, c.ci[0], relative: 1e-8, absolute: 1e-10))
        #expect(isClose(comparison.confidenceInterval.upper, c.ci[1], relative: 1e-8, absolute: 1e-10))
        #expect(isClose(result.unadjustedStandardError, c.unadjustedStandardError, relative: 1e-9))
        #expect(isClose(result.varianceReduction, c.varianceReduction, relative: 1e-7, absolute: 1e-9))
        // The Welch-style error and OLS's pooled one differ by the unequal-variance weighting only.
        #expect(abs(comparison.standardError / c.olsStandardError - 1) < 0.1)
    }

    @Test("partial aggregates add up to the whole", arguments: cases)
    func addition(_ c: CUPEDFixture.Case) throws {
        let whole = try c.control.sample()
        let combined = try c.controlHalves[0].sample() + c.controlHalves[1].sample()
        #expect(combined.units == whole.units)
        for (a, b) in [(combined.sumY, whole.sumY), (combined.sumXY, whole.sumXY), (combined.sumXSquares, whole.sumXSquares)] {
            #expect(isClose(a, b, relative: 1e-12))
        }
    }

    @Test("swapping groups negates the difference; a useless covariate changes nothing")
    func symmetryAndNoCovariate() throws {
        let a = try CovariateSample(units: 100, sumY: 520, sumYSquares: 3_100, sumX: 1_000, sumXSquares: 10_900, sumXY: 5_300)
        let b = try CovariateSample(units: 120, sumY: 660, sumYSquares: 4_000, sumX: 1_230, sumXSquares: 13_200, sumXY: 6_900)
        let forward = try CUPED.compare(control: a, variant: b)
        let backward = try CUPED.compare(control: b, variant: a)
        #expect(isClose(forward.comparison.absoluteDifference, -backward.comparison.absoluteDifference, absolute: 1e-12))
        #expect(isClose(forward.comparison.pValue, backward.comparison.pValue, relative: 1e-9))
        #expect(forward.theta == backward.theta)
        // Constant covariate: theta 0, the plain Welch test, no variance reduction.
        let flatA = try CovariateSample(units: 100, sumY: 520, sumYSquares: 3_100, sumX: 100, sumXSquares: 100, sumXY: 520)
        let flatB = try CovariateSample(units: 120, sumY: 660, sumYSquares: 4_000, sumX: 120, sumXSquares: 120, sumXY: 660)
        let flat = try CUPED.compare(control: flatA, variant: flatB)
        let plain = try WelchTTest.compare(control: flatA.outcome, variant: flatB.outcome)
        #expect(flat.theta == 0 && abs(flat.varianceReduction) < 1e-12)
        #expect(isClose(flat.comparison.pValue, plain.pValue, relative: 1e-9))
    }

    @Test("invalid input throws StatsError")
    func invalidInput() throws {
        #expect(throws: StatsError.self) {
            try CovariateSample(units: 0, sumY: 0, sumYSquares: 0, sumX: 0, sumXSquares: 0, sumXY: 0)
        }
        #expect(throws: StatsError.self) {
            try CovariateSample(units: 10, sumY: 10, sumYSquares: 1, sumX: 0, sumXSquares: 0, sumXY: 0)
        }
        #expect(throws: StatsError.self) {
            try CovariateSample(units: 10, sumY: 1, sumYSquares: 1, sumX: .nan, sumXSquares: 1, sumXY: 0)
        }
        #expect(throws: StatsError.self) {
            try CovariateSample(units: 10, sumY: 1, sumYSquares: 1, sumX: 1, sumXSquares: 1, sumXY: .infinity)
        }
        // Errors name the argument that is wrong, in the caller's terms.
        #expect(throws: StatsError.invalidVariant(
            variant: "one-hour", field: "sumXSquares",
            reason: "is too small for the sum: (sumX)² must be ≤ units × sumXSquares (5.0² > 10 × 1.0)")) {
            try CovariateSample(units: 10, sumY: 1, sumYSquares: 1, sumX: 5, sumXSquares: 1, sumXY: 0, label: "one-hour")
        }
        // Σxy that no set of units can give: centred products 10 − 10·10/10 = 0 allowed, 20 − 10 = 10 is not
        // (centred sums of squares are 2 each, so |Σ(x − x̄)(y − ȳ)| ≤ 2).
        #expect(throws: StatsError.self) {
            try CovariateSample(units: 10, sumY: 10, sumYSquares: 12, sumX: 10, sumXSquares: 12, sumXY: 20)
        }
        do {
            _ = try CovariateSample(units: 10, sumY: 10, sumYSquares: 12, sumX: 10, sumXSquares: 12, sumXY: 20, label: "next-morning")
        } catch let StatsError.invalidVariant(variant, field, reason) {
            #expect(variant == "next-morning" && field == "sumXY" && reason.hasPrefix("is inconsistent with the other sums"))
        }
        _ = try CovariateSample(units: 10, sumY: 10, sumYSquares: 12, sumX: 10, sumXSquares: 12, sumXY: 12)
        let one = try CovariateSample(units: 1, sumY: 1, sumYSquares: 1, sumX: 1, sumXSquares: 1, sumXY: 1)
        let many = try CovariateSample(units: 10, sumY: 10, sumYSquares: 12, sumX: 10, sumXSquares: 12, sumXY: 11)
        #expect(throws: StatsError.self) { try CUPED.compare(control: one, variant: many) }
        #expect(throws: StatsError.self) { try CUPED.compare(control: many, variant: many, alpha: 0) }
        // y is exactly a line in x: the adjusted values have no variance at all.
        let line = try CovariateSample(units: 3, sumY: 6, sumYSquares: 14, sumX: 6, sumXSquares: 14, sumXY: 14)
        #expect(throws: StatsError.self) { try CUPED.compare(control: line, variant: line) }
    }
}
