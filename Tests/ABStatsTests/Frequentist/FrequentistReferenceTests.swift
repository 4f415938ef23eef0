import Foundation
import Testing
@testable import ABStats

/// Fixtures/frequentist_reference.json, made by Tests/Reference/make_stats_reference.py from
/// scipy and statsmodels.
struct FrequentistFixture: Decodable, Sendable {
    struct Proportion: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, alpha: Double, alternative: String
        let control: [Int], variant: [Int]
        let statistic: Double, pValue: Double, ci: [Double], relative: [Double]?
        var testDescription: String { id }
    }
    struct Fisher: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, alpha: Double, control: [Int], variant: [Int], ci: [Double]
        let twoSided: Double, greater: Double, less: Double
        var testDescription: String { id }
        enum CodingKeys: String, CodingKey {
            case id, alpha, control, variant, ci
            case twoSided = "pValue two-sided", greater = "pValue greater", less = "pValue less"
        }
    }
    struct Welch: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, alpha: Double, alternative: String
        let control: [Double], variant: [Double]
        let statistic: Double, pValue: Double, df: Double, ci: [Double], relative: [Double]?
        var testDescription: String { id }
    }
    struct ChiSquare: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, variants: [[Int]], statistic: Double, pValue: Double, df: Int
        var testDescription: String { id }
    }
    struct SRM: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, observed: [Int], weights: [Double], statistic: Double, pValue: Double
        var testDescription: String { id }
    }
    struct Correction: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, pValues: [Double], bonferroni: [Double], holm: [Double], bh: [Double]
        var testDescription: String { id }
    }
    let proportions: [Proportion], fisher: [Fisher], welch: [Welch]
    let chiSquare: [ChiSquare], srm: [SRM], corrections: [Correction]
}

private func table<Row>(_ pick: (FrequentistFixture) -> [Row]) -> [Row] {
    Fixture.table("frequentist_reference", as: FrequentistFixture.self, pick)
}

private func alternative(_ name: String) -> Alternative { Alternative(rawValue: name)! }

@Suite("Frequentist tests agree with scipy and statsmodels")
struct FrequentistReferenceTests {
    @Test("fixture tables are present")
    func fixtureSanity() {
        #expect(table(\.proportions).count >= 40)
        #expect(table(\.fisher).count >= 10)
        #expect(table(\.welch).count >= 30)
        #expect(table(\.chiSquare).count == 4)
        #expect(table(\.srm).count == 5)
        #expect(table(\.corrections).count == 4)
    }

    @Test("two-proportion z-test", arguments: table(\.proportions))
    func twoProportionZ(_ c: FrequentistFixture.Proportion) throws {
        let control = try ProportionSample(units: c.control[0], conversions: c.control[1])
        let variant = try ProportionSample(units: c.variant[0], conversions: c.variant[1])
        let result = try TwoProportionZTest.compare(
            control: control, variant: variant, alpha: c.alpha, alternative: alternative(c.alternative))
        #expect(result.test == .twoProportionZ)
        #expect(isClose(result.statistic!, c.statistic, absolute: 1e-12))
        #expect(isClose(result.pValue, c.pValue), "p \(result.pValue) vs \(c.pValue)")
        #expect(isClose(result.confidenceInterval.lower, c.ci[0], absolute: 1e-15))
        #expect(isClose(result.confidenceInterval.upper, c.ci[1], absolute: 1e-15))
        if let relative = c.relative {
            #expect(isClose(result.relativeLift!, relative[0], absolute: 1e-15))
            #expect(isClose(result.relativeConfidenceInterval!.lower, relative[1], absolute: 1e-15))
            #expect(isClose(result.relativeConfidenceInterval!.upper, relative[2], absolute: 1e-15))
        }
    }

    @Test("Fisher's exact test", arguments: table(\.fisher))
    func fisher(_ c: FrequentistFixture.Fisher) throws {
        let control = try ProportionSample(units: c.control[0], conversions: c.control[1])
        let variant = try ProportionSample(units: c.variant[0], conversions: c.variant[1])
        for (alt, expected) in [(Alternative.twoSided, c.twoSided), (.greater, c.greater), (.less, c.less)] {
            let p = try FisherExactTest.pValue(control: control, variant: variant, alternative: alt)
            #expect(isClose(p, expected), "\(alt) p \(p) vs \(expected)")
        }
        let result = try ProportionComparison.compare(control: control, variant: variant, alpha: c.alpha)
        #expect(result.test == .fisherExact)
        #expect(isClose(result.confidenceInterval.lower, c.ci[0], absolute: 1e-15))
        #expect(isClose(result.confidenceInterval.upper, c.ci[1], absolute: 1e-15))
    }

    @Test("Welch's t-test", arguments: table(\.welch))
    func welch(_ c: FrequentistFixture.Welch) throws {
        let control = try MeanSample(units: Int(c.control[0]), mean: c.control[1], standardDeviation: c.control[2])
        let variant = try MeanSample(units: Int(c.variant[0]), mean: c.variant[1], standardDeviation: c.variant[2])
        let result = try WelchTTest.compare(
            control: control, variant: variant, alpha: c.alpha, alternative: alternative(c.alternative))
        // Means and variances round-trip through (n, Σx, Σx²), which costs digits at 1e9 units.
        let tolerance = c.control[0] >= 1e8 ? 1e-6 : 1e-9
        #expect(isClose(result.statistic!, c.statistic, relative: tolerance))
        #expect(isClose(result.degreesOfFreedom!, c.df, relative: tolerance))
        #expect(isClose(result.pValue, c.pValue, relative: tolerance), "p \(result.pValue) vs \(c.pValue)")
        #expect(isClose(result.confidenceInterval.lower, c.ci[0], relative: tolerance))
        #expect(isClose(result.confidenceInterval.upper, c.ci[1], relative: tolerance))
        if let relative = c.relative {
            #expect(isClose(result.relativeConfidenceInterval!.lower, relative[1], relative: tolerance))
            #expect(isClose(result.relativeConfidenceInterval!.upper, relative[2], relative: tolerance))
        }
    }

    @Test("chi-square test of independence", arguments: table(\.chiSquare))
    func chiSquare(_ c: FrequentistFixture.ChiSquare) throws {
        let samples = try c.variants.map { try ProportionSample(units: $0[0], conversions: $0[1]) }
        let result = try ChiSquareIndependenceTest(samples)
        #expect(isClose(result.statistic, c.statistic))
        #expect(isClose(result.pValue, c.pValue), "p \(result.pValue) vs \(c.pValue)")
        #expect(result.degreesOfFreedom == c.df)
    }

    @Test("sample ratio mismatch", arguments: table(\.srm))
    func srm(_ c: FrequentistFixture.SRM) throws {
        let result = try SampleRatioMismatch(observed: c.observed, weights: c.weights)
        #expect(isClose(result.statistic, c.statistic))
        #expect(isClose(result.pValue, c.pValue), "p \(result.pValue) vs \(c.pValue)")
    }

    @Test("multiple-comparison corrections", arguments: table(\.corrections))
    func corrections(_ c: FrequentistFixture.Correction) throws {
        for (method, expected) in [
            (MultipleComparisonCorrection.bonferroni, c.bonferroni), (.holm, c.holm), (.benjaminiHochberg, c.bh),
        ] {
            let adjusted = try method.adjust(c.pValues)
            #expect(zip(adjusted, expected).allSatisfy { isClose($0, $1) }, "\(method): \(adjusted) vs \(expected)")
        }
        #expect(try MultipleComparisonCorrection.none.adjust(c.pValues) == c.pValues)
    }
}
