import Foundation
import Testing
@testable import ABStats

/// Fixtures/bayes_reference.json, made by Tests/Reference/make_bayes_reference.py with mpmath's
/// quadrature, scipy and Boost (no GSL).
struct BayesFixture: Decodable, Sendable {
    struct Pair: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, control: [Int], variant: [Int], prior: [Double], alpha: Double
        let chanceToBeatControl: Double, chanceControlBeats: Double
        let expectedLoss: Double, expectedLossOfControl: Double
        let controlInterval: [Double], variantInterval: [Double], differenceInterval: [Double]?
        var testDescription: String { id }
    }
    struct Best: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, groups: [[Int]], prior: [Double], chanceToBeBest: [Double]
        var testDescription: String { id }
    }
    struct Means: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, control: [Double], variant: [Double], alpha: Double
        let chanceToBeatControl: Double, expectedLoss: Double, expectedLossOfControl: Double, credibleInterval: [Double]
        var testDescription: String { id }
    }
    struct MeansBest: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, groups: [[Double]], chanceToBeBest: [Double]
        var testDescription: String { id }
    }
    let pairs: [Pair], chanceToBeBest: [Best], means: [Means], meansBest: [MeansBest]
}

private func table<Row>(_ pick: (BayesFixture) -> [Row]) -> [Row] {
    Fixture.table("bayes_reference", as: BayesFixture.self, pick)
}

/// The control and variant posteriors of a fixture case.
private func posteriors(_ c: BayesFixture.Pair) throws -> (control: BetaDistribution, variant: BetaDistribution) {
    let model = try BetaBinomialModel(priorAlpha: c.prior[0], priorBeta: c.prior[1])
    return (try model.posterior(units: c.control[0], conversions: c.control[1], label: "control"),
            try model.posterior(units: c.variant[0], conversions: c.variant[1], label: "variant"))
}

private func meanSample(_ row: [Double]) throws -> MeanSample {
    try MeanSample(units: Int(row[0]), mean: row[1], standardDeviation: row[2])
}

@Suite("Bayesian comparisons agree with mpmath quadrature and scipy")
struct BayesianReferenceTests {
    @Test("fixture tables are present")
    func fixtureSanity() {
        #expect(table(\.pairs).count >= 20)
        #expect(table(\.chanceToBeBest).count >= 7)
        #expect(table(\.means).count >= 6)
        #expect(table(\.meansBest).count >= 4)
    }

    @Test("Beta-Binomial: chance to beat, expected losses, intervals", arguments: table(\.pairs))
    func pairs(_ c: BayesFixture.Pair) throws {
        let (control, variant) = try posteriors(c)
        let result = try BetaComparison.compare(control: control, variant: variant, alpha: c.alpha)
        let reverse = try BetaComparison.chanceToBeatControl(control: variant, variant: control)
        #expect(abs(result.chanceToBeatControl - c.chanceToBeatControl) <= 1e-6, "P(B>A) \(result.chanceToBeatControl) vs \(c.chanceToBeatControl)")
        #expect(abs(reverse - c.chanceControlBeats) <= 1e-6)
        #expect(abs(result.expectedLoss - c.expectedLoss) <= 1e-6, "loss \(result.expectedLoss) vs \(c.expectedLoss)")
        #expect(abs(result.expectedLossOfControl - c.expectedLossOfControl) <= 1e-6)
        let controlInterval = try control.credibleInterval(alpha: c.alpha)
        let variantInterval = try variant.credibleInterval(alpha: c.alpha)
        #expect(isClose(controlInterval.lower, c.controlInterval[0], relative: 1e-9, absolute: 1e-300))
        #expect(isClose(controlInterval.upper, c.controlInterval[1], relative: 1e-9))
        #expect(isClose(variantInterval.lower, c.variantInterval[0], relative: 1e-9, absolute: 1e-300))
        #expect(isClose(variantInterval.upper, c.variantInterval[1], relative: 1e-9))
        if let expected = c.differenceInterval {
            #expect(abs(result.credibleInterval.lower - expected[0]) <= 1e-6, "\(result.credibleInterval) vs \(expected)")
            #expect(abs(result.credibleInterval.upper - expected[1]) <= 1e-6)
        }
    }

    @Test("largest absolute errors against the reference stay below 1e-6 (printed for the record)")
    func largestErrors() throws {
        var chance = 0.0, loss = 0.0, interval = 0.0, best = 0.0, worstInterval = ""
        for c in table(\.pairs) {
            let (control, variant) = try posteriors(c)
            let result = try BetaComparison.compare(control: control, variant: variant, alpha: c.alpha)
            chance = max(chance, abs(result.chanceToBeatControl - c.chanceToBeatControl))
            loss = max(loss, abs(result.expectedLoss - c.expectedLoss), abs(result.expectedLossOfControl - c.expectedLossOfControl))
            if let expected = c.differenceInterval {
                let error = max(abs(result.credibleInterval.lower - expected[0]), abs(result.credibleInterval.upper - expected[1]))
                if error > interval { (interval, worstInterval) = (error, c.id) }
            }
        }
        for c in table(\.chanceToBeBest) {
            let model = try BetaBinomialModel(priorAlpha: c.prior[0], priorBeta: c.prior[1])
            let chances = try BetaComparison.chanceToBeBest(c.groups.map { try model.posterior(units: $0[0], conversions: $0[1]) })
            best = max(best, zip(chances, c.chanceToBeBest).map { abs($0 - $1) }.max() ?? 0)
        }
        print("bayes reference: max |error| chance to beat \(chance), expected loss \(loss), difference interval \(interval) (\(worstInterval)), chance to be best \(best)")
        #expect(max(chance, loss, interval, best) <= 1e-6)
    }

    @Test("Beta-Binomial: chance to be best among k", arguments: table(\.chanceToBeBest))
    func best(_ c: BayesFixture.Best) throws {
        let model = try BetaBinomialModel(priorAlpha: c.prior[0], priorBeta: c.prior[1])
        let laws = try c.groups.map { try model.posterior(units: $0[0], conversions: $0[1]) }
        let chances = try BetaComparison.chanceToBeBest(laws)
        for (got, expected) in zip(chances, c.chanceToBeBest) {
            #expect(abs(got - expected) <= 1e-6, "\(chances) vs \(c.chanceToBeBest)")
        }
        #expect(abs(chances.reduce(0, +) - 1) <= 1e-8)
    }

    @Test("means: chance to be best among k normal posteriors (scipy quad)", arguments: table(\.meansBest))
    func meansBest(_ c: BayesFixture.MeansBest) throws {
        let chances = try NormalMeanComparison.chanceToBeBest(c.groups.map(meanSample))
        #expect(chances.count == c.chanceToBeBest.count)
        for (got, expected) in zip(chances, c.chanceToBeBest) {
            #expect(abs(got - expected) <= 1e-8, "\(chances) vs \(c.chanceToBeBest)")
        }
    }

    @Test("means: flat-prior normal posterior in closed form", arguments: table(\.means))
    func means(_ c: BayesFixture.Means) throws {
        let result = try NormalMeanComparison.compare(control: meanSample(c.control), variant: meanSample(c.variant), alpha: c.alpha)
        #expect(isClose(result.chanceToBeatControl, c.chanceToBeatControl, relative: 1e-9))
        #expect(isClose(result.expectedLoss, c.expectedLoss, relative: 1e-9, absolute: 1e-15))
        #expect(isClose(result.expectedLossOfControl, c.expectedLossOfControl, relative: 1e-9, absolute: 1e-15))
        #expect(isClose(result.credibleInterval.lower, c.credibleInterval[0], relative: 1e-9, absolute: 1e-15))
        #expect(isClose(result.credibleInterval.upper, c.credibleInterval[1], relative: 1e-9, absolute: 1e-15))
    }
}
