import Foundation
import Testing
@testable import ABStats

/// One row of Fixtures/distributions_reference.json (made by Tests/Reference/make_stats_reference.py).
struct DistributionCase: Decodable, Sendable, CustomTestStringConvertible {
    let id: String
    let distribution: String
    let params: [Double]
    let x: Double?, pdf: Double?, cdf: Double?, sf: Double?
    let p: Double?, quantile: Double?, q: Double?, isf: Double?
    let k: Int?, pmf: Double?, quantileInt: Int?
    var testDescription: String { id }
}

private struct DistributionFixture: Decodable { let cases: [DistributionCase] }

private let distributionCases = Fixture.table("distributions_reference", as: DistributionFixture.self) { $0.cases }

private func continuous(_ c: DistributionCase) throws -> (any ContinuousDistribution)? {
    let a = c.params
    switch c.distribution {
    case "normal": return try Normal(mean: a[0], standardDeviation: a[1])
    case "studentT": return try StudentT(degreesOfFreedom: a[0])
    case "chiSquared": return try ChiSquared(degreesOfFreedom: a[0])
    case "fDistribution": return try FDistribution(numeratorDegreesOfFreedom: a[0], denominatorDegreesOfFreedom: a[1])
    case "beta": return try BetaDistribution(alpha: a[0], beta: a[1])
    default: return nil
    }
}

private func discrete(_ c: DistributionCase) throws -> (any DiscreteDistribution)? {
    let a = c.params
    switch c.distribution {
    case "binomial": return try Binomial(trials: Int(a[0]), probability: a[1])
    case "hypergeometric": return try Hypergeometric(successes: Int(a[0]), failures: Int(a[1]), draws: Int(a[2]))
    default: return nil
    }
}

@Suite("Distributions agree with scipy")
struct DistributionReferenceTests {
    @Test("fixture is present and covers every distribution")
    func fixtureSanity() {
        let names = Set(distributionCases.map(\.distribution))
        #expect(names == ["normal", "studentT", "chiSquared", "fDistribution", "beta", "binomial", "hypergeometric"])
    }

    @Test(arguments: distributionCases)
    func agreesWithScipy(_ c: DistributionCase) throws {
        // Closed forms: 1e-9 relative. Quantiles go through GSL's iterative inversions: 1e-9 too.
        if let law = try continuous(c) {
            if let x = c.x {
                #expect(isClose(law.pdf(x), c.pdf!), "pdf \(law.pdf(x)) vs \(c.pdf!)")
                #expect(isClose(law.cdf(x), c.cdf!), "cdf \(law.cdf(x)) vs \(c.cdf!)")
                #expect(isClose(law.sf(x), c.sf!), "sf \(law.sf(x)) vs \(c.sf!)")
            }
            if let p = c.p {
                let value = try law.quantile(p)
                #expect(isClose(value, c.quantile!), "quantile \(value) vs \(c.quantile!)")
            }
            if let q = c.q {
                let value = try law.inverseSF(q)
                #expect(isClose(value, c.isf!), "isf \(value) vs \(c.isf!)")
            }
        } else if let law = try discrete(c) {
            if let k = c.k {
                #expect(isClose(law.pmf(k), c.pmf!), "pmf \(law.pmf(k)) vs \(c.pmf!)")
                #expect(isClose(law.cdf(k), c.cdf!), "cdf \(law.cdf(k)) vs \(c.cdf!)")
                #expect(isClose(law.sf(k), c.sf!), "sf \(law.sf(k)) vs \(c.sf!)")
            }
            if let p = c.p { #expect(try law.quantile(p) == c.quantileInt!) }
        } else {
            Issue.record("unknown distribution \(c.distribution)")
        }
    }

    @Test("survival functions keep tiny tails that 1 − cdf would lose")
    func tinyTails() throws {
        let tail = Normal.standard.sf(37)
        #expect(tail > 0 && tail < 1e-298)
        #expect(1 - Normal.standard.cdf(37) == 0)
    }

    @Test("invalid parameters throw instead of aborting inside GSL")
    func invalidParameters() {
        #expect(throws: StatsError.self) { try Normal(mean: 0, standardDeviation: 0) }
        #expect(throws: StatsError.self) { try Normal(mean: .nan, standardDeviation: 1) }
        #expect(throws: StatsError.self) { try StudentT(degreesOfFreedom: -1) }
        #expect(throws: StatsError.self) { try ChiSquared(degreesOfFreedom: .infinity) }
        #expect(throws: StatsError.self) { try BetaDistribution(alpha: 0, beta: 1) }
        #expect(throws: StatsError.self) { try Binomial(trials: -1, probability: 0.5) }
        #expect(throws: StatsError.self) { try Binomial(trials: 10, probability: 1.5) }
        #expect(throws: StatsError.self) { try Hypergeometric(successes: 2, failures: 2, draws: 5) }
        #expect(throws: StatsError.self) { try Normal.standard.quantile(0) }
        #expect(throws: StatsError.self) { try Normal.standard.quantile(.nan) }
    }
}
