import Foundation
import Testing
@testable import ABStats

/// Fixtures/fatigue_reference.json, made by Tests/Reference/make_fatigue_reference.py from
/// statsmodels' WLS (fixed scale) and its delta method (NonlinearDeltaCov).
struct FatigueFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, model: DoseResponseFit.Model, doses: [Double], effects: [Double], standardErrors: [Double]
        let cost: Double, alpha: Double, coefficients: [Double], covariance: [[Double]], pValues: [Double], residualChiSquare: Double
        let bestDose: Double?, bestDoseStandardError: Double?, bestDoseStandardErrorNumeric: Double?
        let bestDoseInterval: [Double]?, netEffect: Double?
        var testDescription: String { id }
    }
    let cases: [Case]
}

private let cases = Fixture.table("fatigue_reference", as: FatigueFixture.self) { $0.cases }

@Suite("Dose–response fit for message fatigue agrees with statsmodels' WLS")
struct DoseResponseTests {
    @Test("fixture table is present")
    func fixtureSanity() {
        #expect(cases.count == 7)
        #expect(cases.filter { $0.bestDose != nil }.count == 4)
    }

    @Test("coefficients, covariance, p-values and the best dose", arguments: cases)
    func reference(_ c: FatigueFixture.Case) throws {
        let fit = try DoseResponseFit(doses: c.doses, effects: c.effects, standardErrors: c.standardErrors, model: c.model)
        for (mine, expected) in zip(fit.coefficients, c.coefficients) {
            #expect(isClose(mine, expected, relative: 1e-9, absolute: 1e-15), "coefficient \(mine) vs \(expected)")
        }
        for (mine, expected) in zip(fit.covariance.joined(), c.covariance.joined()) {
            #expect(isClose(mine, expected, relative: 1e-8, absolute: 1e-20), "covariance \(mine) vs \(expected)")
        }
        for (mine, expected) in zip(fit.pValues, c.pValues) {
            #expect(isClose(mine, expected, relative: 1e-7, absolute: 1e-15))
        }
        #expect(isClose(fit.residualChiSquare, c.residualChiSquare, relative: 1e-7, absolute: 1e-12))
        guard let expectedDose = c.bestDose, let interval = c.bestDoseInterval else {
            #expect(throws: StatsError.self) { try fit.bestDose(costPerDose: c.cost, alpha: c.alpha) }
            return
        }
        let best = try fit.bestDose(costPerDose: c.cost, alpha: c.alpha)
        #expect(isClose(best.dose, expectedDose, relative: 1e-9))
        #expect(isClose(best.standardError, c.bestDoseStandardError!, relative: 1e-8))
        #expect(isClose(best.standardError, c.bestDoseStandardErrorNumeric!, relative: 1e-5))
        #expect(isClose(best.confidenceInterval.lower, interval[0], relative: 1e-8, absolute: 1e-10))
        #expect(isClose(best.confidenceInterval.upper, interval[1], relative: 1e-8, absolute: 1e-10))
        #expect(isClose(best.netEffect, c.netEffect!, relative: 1e-8))
        #expect(best.isWithinObservedDoses == (c.doses.min()! ... c.doses.max()!).contains(expectedDose))
    }

    @Test("an exact quadratic is recovered; the best dose is its vertex")
    func exactQuadratic() throws {
        let doses = [0.0, 1, 2, 3, 4, 5]
        let effects = doses.map { 0.002 + 0.01 * $0 - 0.002 * $0 * $0 }
        let fit = try DoseResponseFit(doses: doses, effects: effects, standardErrors: Array(repeating: 0.001, count: 6), model: .quadratic)
        #expect(isClose(fit.coefficients[2], -0.002, relative: 1e-9))
        #expect(fit.residualChiSquare < 1e-15)
        let best = try fit.bestDose()
        #expect(isClose(best.dose, 2.5, relative: 1e-9) && best.isWithinObservedDoses)
        #expect(best.confidenceInterval.contains(2.5))
    }

    @Test("fits that cannot be made are refused with a reason")
    func invalidInputs() throws {
        #expect(throws: StatsError.self) { try DoseResponseFit(doses: [1, 2], effects: [0.1, 0.2], standardErrors: [0.1, 0.1], model: .quadratic) }
        #expect(throws: StatsError.self) { try DoseResponseFit(doses: [1, 1, 1], effects: [0.1, 0.2, 0.3], standardErrors: [0.1, 0.1, 0.1], model: .linear) }
        #expect(throws: StatsError.self) { try DoseResponseFit(doses: [1, 2], effects: [0.1], standardErrors: [0.1, 0.1], model: .linear) }
        #expect(throws: StatsError.invalidParameter(name: "standardErrors[1]", value: "-0.1", expected: "a finite number > 0")) {
            try DoseResponseFit(doses: [1, 2], effects: [0.1, 0.2], standardErrors: [0.1, -0.1], model: .linear)
        }
        #expect(throws: StatsError.self) { try DoseResponseFit(doses: [1, .nan], effects: [0.1, 0.2], standardErrors: [0.1, 0.1], model: .linear) }
        // A convex fit has no best dose in between.
        let convex = try DoseResponseFit(doses: [0, 1, 2, 3], effects: [0.04, 0.01, 0.01, 0.04], standardErrors: [0.01, 0.01, 0.01, 0.01], model: .quadratic)
        #expect(throws: StatsError.self) { try convex.bestDose() }
        #expect(throws: StatsError.self) { try convex.bestDose(costPerDose: .infinity) }
    }
}
