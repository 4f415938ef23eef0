import Foundation
import Testing
@testable import ABStats

/// Fixtures/cohort_reference.json, made by Tests/Reference/make_cohort_reference.py from
/// statsmodels' combine_effects (checked there against numpy/scipy).
struct CohortFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, estimates: [Double], standardErrors: [Double]
        let q: Double, pValue: Double, iSquared: Double, tauSquared: Double
        let fixedEffect: Double, fixedEffectStandardError: Double, randomEffect: Double, randomEffectStandardError: Double
        var testDescription: String { id }
    }
    let cases: [Case]
}

private let cases = Fixture.table("cohort_reference", as: CohortFixture.self) { $0.cases }

@Suite("Cohort heterogeneity agrees with statsmodels' combine_effects")
struct CohortHeterogeneityTests {
    @Test("fixture table is present")
    func fixtureSanity() { #expect(cases.count == 8) }

    @Test("Cochran's Q, I², τ² and the pooled effects", arguments: cases)
    func reference(_ c: CohortFixture.Case) throws {
        let test = try CohortHeterogeneity(estimates: c.estimates, standardErrors: c.standardErrors)
        #expect(test.cohorts == c.estimates.count && test.degreesOfFreedom == c.estimates.count - 1)
        #expect(isClose(test.q, c.q, relative: 1e-10, absolute: 1e-13), "Q \(test.q) vs \(c.q)")
        #expect(isClose(test.pValue, c.pValue, relative: 1e-9), "p \(test.pValue) vs \(c.pValue)")
        #expect(isClose(test.iSquared, c.iSquared, relative: 1e-9))
        #expect(isClose(test.tauSquared, c.tauSquared, relative: 1e-9))
        #expect(isClose(test.fixedEffect, c.fixedEffect, relative: 1e-12, absolute: 1e-15))
        #expect(isClose(test.fixedEffectStandardError, c.fixedEffectStandardError, relative: 1e-12))
        #expect(isClose(test.randomEffect, c.randomEffect, relative: 1e-10, absolute: 1e-15))
        #expect(isClose(test.randomEffectStandardError, c.randomEffectStandardError, relative: 1e-10))
    }

    @Test("from comparison results; order of cohorts does not matter")
    func fromComparisons() throws {
        let control = try ProportionSample(units: 4000, conversions: 400)
        let comparisons = try [430, 470, 390].map {
            try TwoProportionZTest.compare(control: control, variant: try ProportionSample(units: 4000, conversions: $0))
        }
        let test = try CohortHeterogeneity(comparisons: comparisons)
        let reversed = try CohortHeterogeneity(comparisons: comparisons.reversed())
        #expect(isClose(test.q, reversed.q, relative: 1e-12) && isClose(test.fixedEffect, reversed.fixedEffect, relative: 1e-12))
        let direct = try CohortHeterogeneity(
            estimates: comparisons.map(\.absoluteDifference), standardErrors: comparisons.map(\.standardError))
        #expect(test == direct)
    }

    @Test("unusable inputs are refused with the cohort named")
    func invalidInputs() throws {
        #expect(throws: StatsError.self) { try CohortHeterogeneity(estimates: [0.1], standardErrors: [0.01]) }
        #expect(throws: StatsError.self) { try CohortHeterogeneity(estimates: [0.1, 0.2], standardErrors: [0.01]) }
        #expect(throws: StatsError.invalidParameter(name: "standardErrors[1]", value: "0.0", expected: "a finite number > 0")) {
            try CohortHeterogeneity(estimates: [0.1, 0.2], standardErrors: [0.01, 0])
        }
        #expect(throws: StatsError.self) { try CohortHeterogeneity(estimates: [0.1, .nan], standardErrors: [0.01, 0.02]) }
        #expect(throws: StatsError.self) { try CohortHeterogeneity(estimates: [0.1, 0.2], standardErrors: [1e-200, 0.02]) }
    }
}
