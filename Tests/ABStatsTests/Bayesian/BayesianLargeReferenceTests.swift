import Foundation
import Testing
@testable import ABStats

/// Fixtures/bayes_large_reference.json, made by Tests/Reference/make_bayes_large_reference.py with
/// QUADPACK over Boost's Beta functions (no GSL, no ABStats code).
struct BayesLargeFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, control: [Int], variant: [Int], prior: [Double]
        let chanceToBeatControl: Double, expectedLoss: Double, quadratureError: Double
        var testDescription: String { id }
    }
    let cases: [Case]
}

private let largeCases = Fixture.table("bayes_large_reference", as: BayesLargeFixture.self, \.cases)

private func compare(_ c: BayesLargeFixture.Case) throws -> BayesianComparison {
    let model = try BetaBinomialModel(priorAlpha: c.prior[0], priorBeta: c.prior[1])
    return try BetaComparison.compare(
        control: model.posterior(units: c.control[0], conversions: c.control[1], label: "control"),
        variant: model.posterior(units: c.variant[0], conversions: c.variant[1], label: "variant"))
}

/// Issue 15: a summary of 1e7 units per variant at a rate of ½ (and `--prior 1e8,1e8`) spun for
/// minutes inside GSL's beta inversion. These run the same computations and check the answers;
/// they would not return before the fix.
@Suite("Large Beta posteriors agree with QUADPACK over Boost, at every size and rate")
struct BayesianLargeReferenceTests {
    @Test("fixture table is present")
    func fixtureSanity() {
        #expect(largeCases.count >= 100)
        #expect(largeCases.contains { $0.id == "issue-15-hang" })
    }

    @Test("chance to beat control and expected loss within 1e-6 of the reference", arguments: largeCases)
    func matchesReference(_ c: BayesLargeFixture.Case) throws {
        let result = try compare(c)
        #expect(abs(result.chanceToBeatControl - c.chanceToBeatControl) <= 1e-6, "P(B>A) \(result.chanceToBeatControl) vs \(c.chanceToBeatControl)")
        #expect(abs(result.expectedLoss - c.expectedLoss) <= 1e-6, "loss \(result.expectedLoss) vs \(c.expectedLoss)")
    }

    @Test("largest absolute errors against the reference (printed for the record)")
    func largestErrors() throws {
        var chance = 0.0, loss = 0.0, worst = ""
        for c in largeCases {
            let result = try compare(c)
            let error = abs(result.chanceToBeatControl - c.chanceToBeatControl)
            if error > chance { (chance, worst) = (error, c.id) }
            loss = max(loss, abs(result.expectedLoss - c.expectedLoss))
        }
        print("bayes_large_reference: \(largeCases.count) cases, max |ΔP(B>A)| = \(chance) (\(worst)), max |Δloss| = \(loss)")
        #expect(chance <= 1e-6 && loss <= 1e-6)
    }

    @Test("2^53 units per variant: a symmetric comparison gives ½, and every piece is computed")
    func largestCounts() throws {
        let n = UnitCount.maximum
        let law = try BetaBinomialModel.uniform.posterior(units: n, conversions: n / 2)
        let result = try BetaComparison.compare(control: law, variant: law)
        #expect(abs(result.chanceToBeatControl - 0.5) <= 1e-6)
        #expect(result.credibleInterval.lower < 0 && result.credibleInterval.upper > 0)
    }

    @Test("the prior range is enforced at the model", arguments: [0, -1, 1e-300, 1e300, .infinity, .nan, 1e9 * 1.5])
    func priorRange(_ value: Double) {
        #expect(throws: StatsError.self) { try BetaBinomialModel(priorAlpha: value, priorBeta: 1) }
        #expect(throws: StatsError.self) { try BetaBinomialModel(priorAlpha: 1, priorBeta: value) }
    }
}
