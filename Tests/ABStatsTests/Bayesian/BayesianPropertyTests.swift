import Foundation
import Testing
@testable import ABStats

@Suite("Bayesian comparisons: symmetry, complements and invalid input")
struct BayesianPropertyTests {
    /// Seeded random posteriors spanning tiny to huge samples.
    static let pairs: [(Int, Int, Int, Int)] = {
        let random = SeededRandom(seed: 20_261_123)
        return (0..<12).map { _ in
            let n1 = Int(pow(10, random.uniform() * 8)) + 1, n2 = Int(pow(10, random.uniform() * 8)) + 1
            let p = 0.02 + 0.5 * random.uniform()
            return (n1, Int(Double(n1) * p), n2, Int(Double(n2) * p * (0.9 + 0.2 * random.uniform())))
        }
    }()

    @Test("P(B > A) + P(A > B) = 1 and the losses swap with the groups", arguments: pairs.indices)
    func complementAndSymmetry(_ index: Int) throws {
        let (n1, c1, n2, c2) = Self.pairs[index]
        let a = try BetaBinomialModel.uniform.posterior(units: n1, conversions: c1)
        let b = try BetaBinomialModel.uniform.posterior(units: n2, conversions: c2)
        let forward = try BetaComparison.compare(control: a, variant: b)
        let backward = try BetaComparison.compare(control: b, variant: a)
        #expect(abs(forward.chanceToBeatControl + backward.chanceToBeatControl - 1) <= 1e-9)
        #expect(abs(forward.expectedLoss - backward.expectedLossOfControl) <= 1e-12)
        // E[max(A − B, 0)] − E[max(B − A, 0)] = E[A] − E[B].
        #expect(abs(forward.expectedLoss - forward.expectedLossOfControl - (a.mean - b.mean)) <= 1e-9)
        // Swapping the groups negates the difference interval.
        #expect(abs(forward.credibleInterval.lower + backward.credibleInterval.upper) <= 1e-9)
        let best = try BetaComparison.chanceToBeBest([a, b])
        #expect(abs(best[1] - forward.chanceToBeatControl) <= 1e-9)
    }

    @Test("identical posteriors are a coin flip; chances to be best sum to 1 and are exchangeable")
    func exchangeable() throws {
        let law = try BetaBinomialModel.uniform.posterior(units: 5_000, conversions: 400)
        #expect(abs(try BetaComparison.chanceToBeatControl(control: law, variant: law) - 0.5) <= 1e-10)
        let chances = try BetaComparison.chanceToBeBest([law, law, law, law, law])
        for chance in chances { #expect(abs(chance - 0.2) <= 1e-9) }
        let samples = try [(1000, 5.0, 2.0), (1500, 5.1, 2.5), (900, 4.9, 1.5)].map { try MeanSample(units: $0.0, mean: $0.1, standardDeviation: $0.2) }
        let meanChances = try NormalMeanComparison.chanceToBeBest(samples)
        #expect(abs(meanChances.reduce(0, +) - 1) <= 1e-9)
        let pair = try NormalMeanComparison.chanceToBeBest(Array(samples.prefix(2)))
        let closed = try NormalMeanComparison.compare(control: samples[0], variant: samples[1])
        #expect(abs(pair[1] - closed.chanceToBeatControl) <= 1e-9)
    }

    @Test("invalid input throws a StatsError naming the problem")
    func invalidInput() throws {
        #expect(throws: StatsError.invalidParameter(name: "priorAlpha", value: "0.0", expected: "a number from 0.001 to 1e9")) {
            try BetaBinomialModel(priorAlpha: 0, priorBeta: 1)
        }
        #expect(throws: StatsError.self) { try BetaBinomialModel.uniform.posterior(units: 10, conversions: 11) }
        let law = try BetaDistribution(alpha: 2, beta: 3)
        #expect(throws: StatsError.self) { try BetaComparison.chanceToBeBest([law]) }
        #expect(throws: StatsError.self) { try BetaComparison.compare(control: law, variant: law, alpha: 1.5) }
        let constant = try MeanSample(units: 10, sum: 10, sumSquares: 10)
        #expect(throws: StatsError.self) { try NormalMeanComparison.compare(control: constant, variant: constant) }
        let single = try MeanSample(units: 1, sum: 3, sumSquares: 9)
        #expect(throws: StatsError.self) { try NormalMeanComparison.compare(control: single, variant: constant) }
    }
}
