import Testing
@testable import ABStats

@Suite("Frequentist tests: symmetry, edge cases and bad input")
struct FrequentistPropertyTests {
    @Test("swapping variant and control negates the difference and keeps the two-sided p-value")
    func symmetry() throws {
        let a = try ProportionSample(units: 4012, conversions: 803)
        let b = try ProportionSample(units: 3877, conversions: 851)
        let forward = try TwoProportionZTest.compare(control: a, variant: b)
        let backward = try TwoProportionZTest.compare(control: b, variant: a)
        #expect(forward.absoluteDifference == -backward.absoluteDifference)
        #expect(isClose(forward.pValue, backward.pValue))
        #expect(isClose(forward.confidenceInterval.lower, -backward.confidenceInterval.upper, absolute: 1e-15))

        let m = try MeanSample(units: 100, mean: 3, standardDeviation: 2)
        let n = try MeanSample(units: 120, mean: 3.4, standardDeviation: 2.5)
        let tForward = try WelchTTest.compare(control: m, variant: n)
        let tBackward = try WelchTTest.compare(control: n, variant: m)
        #expect(isClose(tForward.statistic!, -tBackward.statistic!))
        #expect(isClose(tForward.pValue, tBackward.pValue))
    }

    @Test("one-sided p-values split the two-sided one")
    func oneSided() throws {
        let a = try ProportionSample(units: 10000, conversions: 1000)
        let b = try ProportionSample(units: 10000, conversions: 1060)
        let greater = try TwoProportionZTest.compare(control: a, variant: b, alternative: .greater).pValue
        let less = try TwoProportionZTest.compare(control: a, variant: b, alternative: .less).pValue
        let two = try TwoProportionZTest.compare(control: a, variant: b).pValue
        #expect(isClose(greater + less, 1))
        #expect(isClose(2 * greater, two))
    }

    @Test("the z-test gives way to Fisher's test when an expected cell is below 5")
    func automaticFisher() throws {
        let sparse = try ProportionComparison.compare(
            control: try ProportionSample(units: 1000, conversions: 1), variant: try ProportionSample(units: 1000, conversions: 6))
        #expect(sparse.test == .fisherExact)
        let dense = try ProportionComparison.compare(
            control: try ProportionSample(units: 1000, conversions: 200), variant: try ProportionSample(units: 1000, conversions: 220))
        #expect(dense.test == .twoProportionZ)
    }

    @Test("degenerate tables give finite answers, never NaN")
    func degenerate() throws {
        let none = try ProportionSample(units: 1_000_000, conversions: 0)
        let all = try ProportionSample(units: 1_000_000, conversions: 1_000_000)
        let z = try TwoProportionZTest.compare(control: none, variant: none)
        #expect(z.pValue == 1 && z.statistic == 0)
        #expect(z.relativeLift == nil)
        let z1 = try TwoProportionZTest.compare(control: all, variant: all)
        #expect(z1.pValue == 1 && z1.relativeLift == 0)
        let auto = try ProportionComparison.compare(control: none, variant: none)
        #expect(auto.test == .fisherExact && auto.pValue == 1)
        #expect(auto.confidenceInterval.lower.isFinite && auto.confidenceInterval.upper.isFinite)
    }

    @Test("tiny p-values survive down to 1e-300 instead of rounding to 0")
    func tinyPValues() throws {
        let t = try StudentT(degreesOfFreedom: 200)
        let p = Alternative.twoSided.pValue(statistic: 70, survival: t.sf)
        #expect(p > 0 && p < 1e-100)
        let z = Alternative.twoSided.pValue(statistic: 37, survival: Normal.standard.sf)
        #expect(z > 1e-300 && z < 1e-297)
    }

    @Test("bad input throws errors that name the field")
    func badInput() throws {
        #expect(throws: StatsError.invalidVariant(variant: "one-hour", field: "conversions", reason: "must be ≤ units (12 > 10)")) {
            try ProportionSample(units: 10, conversions: 12, label: "one-hour")
        }
        #expect(throws: StatsError.self) { try ProportionSample(units: 0, conversions: 0) }
        #expect(throws: StatsError.self) { try ProportionSample(units: 10, conversions: -1) }
        #expect(throws: StatsError.self) { try MeanSample(units: 10, sum: .nan, sumSquares: 1) }
        #expect(throws: StatsError.self) { try MeanSample(units: 10, sum: 10, sumSquares: 1) }
        let flat = try MeanSample(units: 10, sum: 10, sumSquares: 10)
        #expect(throws: StatsError.self) { try WelchTTest.compare(control: flat, variant: flat) }
        let one = try MeanSample(units: 1, sum: 3, sumSquares: 9)
        #expect(throws: StatsError.self) { try WelchTTest.compare(control: one, variant: flat) }
        let sample = try ProportionSample(units: 10, conversions: 1)
        #expect(throws: StatsError.self) { try TwoProportionZTest.compare(control: sample, variant: sample, alpha: 0) }
        #expect(throws: StatsError.self) { try SampleRatioMismatch(observed: [10, 10], weights: [0.5, 0.6]) }
        #expect(throws: StatsError.self) { try SampleRatioMismatch(observed: [10, 10], weights: [1, 0]) }
        #expect(throws: StatsError.self) { try SampleRatioMismatch(observed: [10, -1], weights: [0.5, 0.5]) }
        #expect(throws: StatsError.self) { try MultipleComparisonCorrection.holm.adjust([0.1, .nan]) }
        #expect(throws: StatsError.self) { try ChiSquareIndependenceTest([sample]) }
    }

    @Test("sample statistics combine by addition")
    func additivity() throws {
        let a = try MeanSample(units: 3, sum: 6, sumSquares: 14)
        let b = try MeanSample(units: 2, sum: 9, sumSquares: 41)
        let both = try a + b
        #expect(both.units == 5 && both.sum == 15 && both.sumSquares == 55)
        let p = try ProportionSample(units: 10, conversions: 3) + (try ProportionSample(units: 5, conversions: 5))
        #expect(p.units == 15 && p.conversions == 8)
    }
}
