import Foundation
import Testing
@testable import ABStats

/// Fixtures/noninferiority_reference.json, made by Tests/Reference/make_noninferiority_reference.py
/// from statsmodels (test_proportions_2indep, confint_proportions_2indep, ttest_ind, CompareMeans).
struct NonInferiorityFixture: Decodable, Sendable {
    struct ProportionCase: Decodable, Sendable, CustomTestStringConvertible {
        /// [conversions, units].
        let id: String, control: [Int], variant: [Int], margin: Double, scale: MarginScale, goal: MetricGoal, alpha: Double
        let effect: Double, statistic: Double, pValue: Double, bound: Double, standardError: Double
        var testDescription: String { id }
    }
    struct MeanCase: Decodable, Sendable, CustomTestStringConvertible {
        /// [units, Σx, Σx²].
        let id: String, control: [Double], variant: [Double], margin: Double, goal: MetricGoal, alpha: Double
        let effect: Double, statistic: Double, pValue: Double, degreesOfFreedom: Double, bound: Double
        var testDescription: String { id }
    }
    let proportions: [ProportionCase]
    let means: [MeanCase]
}

private let fixture = try? Fixture.load("noninferiority_reference", as: NonInferiorityFixture.self)
private let proportionCases = fixture?.proportions ?? []
private let meanCases = fixture?.means ?? []

private func meanSample(_ values: [Double]) throws -> MeanSample {
    try MeanSample(units: Int(values[0]), sum: values[1], sumSquares: values[2])
}

@Suite("Non-inferiority tests agree with statsmodels")
struct NonInferiorityTests {
    @Test("fixture tables are present")
    func fixtureSanity() {
        #expect(proportionCases.count == 12)
        #expect(meanCases.count == 6)
    }

    @Test("rates: Wald difference and log ratio", arguments: proportionCases)
    func proportions(_ c: NonInferiorityFixture.ProportionCase) throws {
        let control = try ProportionSample(units: c.control[1], conversions: c.control[0])
        let variant = try ProportionSample(units: c.variant[1], conversions: c.variant[0])
        let result = try NonInferiorityTest.proportions(
            control: control, variant: variant, margin: c.margin, scale: c.scale, goal: c.goal, alpha: c.alpha)
        #expect(result.method == (c.scale == .absolute ? .proportionDifferenceWald : .proportionRatioLog))
        #expect(isClose(result.effect, c.effect, relative: 1e-12, absolute: 1e-15))
        #expect(isClose(result.standardError, c.standardError, relative: 1e-12))
        #expect(isClose(result.statistic, c.statistic, relative: 1e-11), "z \(result.statistic) vs \(c.statistic)")
        #expect(isClose(result.pValue, c.pValue, relative: 1e-9), "p \(result.pValue) vs \(c.pValue)")
        #expect(isClose(result.bound, c.bound, relative: 1e-10, absolute: 1e-14), "bound \(result.bound) vs \(c.bound)")
        #expect(result.threshold == (c.goal == .increase ? -c.margin : c.margin))
        #expect(result.isNonInferior == (c.pValue < c.alpha))
    }

    @Test("means: Welch's t shifted by the margin", arguments: meanCases)
    func means(_ c: NonInferiorityFixture.MeanCase) throws {
        let result = try NonInferiorityTest.means(
            control: try meanSample(c.control), variant: try meanSample(c.variant), margin: c.margin, goal: c.goal, alpha: c.alpha)
        #expect(result.method == .welchT)
        #expect(isClose(result.effect, c.effect, relative: 1e-9, absolute: 1e-12))
        #expect(isClose(result.statistic, c.statistic, relative: 1e-8), "t \(result.statistic) vs \(c.statistic)")
        #expect(isClose(result.degreesOfFreedom ?? .nan, c.degreesOfFreedom, relative: 1e-8))
        #expect(isClose(result.pValue, c.pValue, relative: 1e-8), "p \(result.pValue) vs \(c.pValue)")
        #expect(isClose(result.bound, c.bound, relative: 1e-9, absolute: 1e-12), "bound \(result.bound) vs \(c.bound)")
        #expect(result.isNonInferior == (c.pValue < c.alpha))
    }

    @Test("the bound clears the threshold exactly when the p-value is below alpha; goals mirror")
    func duality() throws {
        let control = try ProportionSample(units: 5000, conversions: 600)
        for conversions in stride(from: 480, through: 640, by: 8) {
            let variant = try ProportionSample(units: 5000, conversions: conversions)
            for scale in MarginScale.allCases {
                let up = try NonInferiorityTest.proportions(control: control, variant: variant, margin: 0.1 * (scale == .absolute ? 0.12 : 1), scale: scale)
                #expect(up.isNonInferior == (up.bound > up.threshold), "\(conversions) \(scale)")
                #expect(up.bound <= up.effect)
            }
            // Decrease on the rate is increase on the non-conversion rate, with the same margin.
            let down = try NonInferiorityTest.proportions(control: control, variant: variant, margin: 0.01, goal: .decrease)
            let flipped = try NonInferiorityTest.proportions(
                control: try ProportionSample(units: 5000, conversions: 4400),
                variant: try ProportionSample(units: 5000, conversions: 5000 - conversions), margin: 0.01)
            #expect(isClose(down.pValue, flipped.pValue, relative: 1e-10))
            #expect(isClose(down.bound, -flipped.bound, relative: 1e-10, absolute: 1e-15))
        }
    }

    @Test("inputs that leave the test undefined are refused with a reason")
    func invalidInputs() throws {
        let control = try ProportionSample(units: 100, conversions: 10), variant = try ProportionSample(units: 100, conversions: 12)
        for margin in [0, -0.01, .nan, .infinity] {
            #expect(throws: StatsError.self) { try NonInferiorityTest.proportions(control: control, variant: variant, margin: margin) }
        }
        #expect(throws: StatsError.self) { try NonInferiorityTest.proportions(control: control, variant: variant, margin: 0.01, alpha: 1) }
        #expect(throws: StatsError.invalidParameter(
            name: "margin", value: "1.0", expected: "a relative margin below 1 (a rate cannot fall by 100% or more)")) {
            try NonInferiorityTest.proportions(control: control, variant: variant, margin: 1, scale: .relative)
        }
        // A relative margin above 1 is fine when the goal is to decrease (the rate may not double).
        _ = try NonInferiorityTest.proportions(control: control, variant: variant, margin: 1, scale: .relative, goal: .decrease)
        let none = try ProportionSample(units: 100, conversions: 0)
        #expect(throws: StatsError.notComputable(
            test: "non-inferiority of rates", reason: "each group's rate is 0 or 1 (control 0.0, variant 1.0), so the difference has no standard error")) {
            try NonInferiorityTest.proportions(control: none, variant: try ProportionSample(units: 50, conversions: 50), margin: 0.01)
        }
        #expect(throws: StatsError.self) { try NonInferiorityTest.proportions(control: none, variant: none, margin: 0.01) }
        #expect(throws: StatsError.self) { try NonInferiorityTest.proportions(control: none, variant: variant, margin: 0.1, scale: .relative) }
        let all = try ProportionSample(units: 100, conversions: 100)
        #expect(throws: StatsError.self) { try NonInferiorityTest.proportions(control: all, variant: all, margin: 0.1, scale: .relative) }
        let one = try MeanSample(units: 1, sum: 3, sumSquares: 9), flat = try MeanSample(units: 4, sum: 8, sumSquares: 16)
        let spread = try MeanSample(units: 5, mean: 2, standardDeviation: 1)
        #expect(throws: StatsError.self) { try NonInferiorityTest.means(control: one, variant: spread, margin: 0.5) }
        #expect(throws: StatsError.self) { try NonInferiorityTest.means(control: flat, variant: flat, margin: 0.5) }
        #expect(throws: StatsError.self) { try NonInferiorityTest.means(control: spread, variant: spread, margin: -1) }
    }
}
