import Testing
@testable import ABStats

@Suite("Sequential testing: duality, monotonicity and bad input")
struct SequentialPropertyTests {
    @Test("the always-valid p-value is the alpha at which the interval just touches 0")
    func duality() throws {
        let planned = 20_000
        let rho2 = try MixtureConfidenceSequence.optimalMixingVariance(alpha: 0.05, plannedUnits: planned)
        let result = try MixtureConfidenceSequence(mixingVariance: rho2).evaluate(estimate: 0.011, standardError: 0.004, units: 12_000)
        #expect(result.pValue > 0 && result.pValue < 1)
        let atP = try MixtureConfidenceSequence(alpha: result.pValue, mixingVariance: rho2)
            .evaluate(estimate: 0.011, standardError: 0.004, units: 12_000)
        #expect(isClose(atP.confidenceInterval.lower, 0, absolute: 1e-12))
    }

    @Test("the always-valid interval is wider than the fixed-horizon one and symmetric under swapping")
    func widerAndSymmetric() throws {
        let a = try ProportionSample(units: 10_000, conversions: 1_000)
        let b = try ProportionSample(units: 10_000, conversions: 1_090)
        let sequence = try MixtureConfidenceSequence(plannedUnits: 20_000)
        let forward = try sequence.compare(control: a, variant: b)
        let backward = try sequence.compare(control: b, variant: a)
        let fixed = try TwoProportionZTest.compare(control: a, variant: b)
        #expect(forward.confidenceInterval.lower < fixed.confidenceInterval.lower)
        #expect(forward.confidenceInterval.upper > fixed.confidenceInterval.upper)
        #expect(forward.pValue > fixed.pValue)
        #expect(forward.estimate == -backward.estimate && forward.pValue == backward.pValue)
        // The relative interval widens the fixed-horizon one by the same factor as the absolute one.
        let factor = (forward.confidenceInterval.upper - forward.estimate) / (fixed.confidenceInterval.upper - fixed.absoluteDifference)
        let relative = try #require(forward.relativeConfidenceInterval), fixedRelative = try #require(fixed.relativeConfidenceInterval)
        #expect(isClose(forward.relativeLift!, fixed.relativeLift!, relative: 1e-15))
        #expect(isClose(relative.upper - forward.relativeLift!, factor * (fixedRelative.upper - fixed.relativeLift!), relative: 1e-12))
        #expect(try sequence.evaluate(estimate: 1, standardError: 1, units: 10).relativeLift == nil)
        #expect(isClose(forward.confidenceInterval.lower, -backward.confidenceInterval.upper, absolute: 1e-15))
    }

    @Test("boundaries: OBF decreases over looks, Pocock is nearly flat, both above the fixed z")
    func boundaryShapes() throws {
        let obf = try GroupSequentialDesign(looks: 10, spending: .obrienFleming)
        #expect(zip(obf.boundaries, obf.boundaries.dropFirst()).allSatisfy { $0 > $1 })
        let pocock = try GroupSequentialDesign(looks: 10, spending: .pocock)
        #expect(pocock.boundaries.allSatisfy { $0 > 1.96 && $0 < 2.7 })
        #expect(isClose(obf.cumulativeAlpha.last!, 0.05) && isClose(pocock.cumulativeAlpha.last!, 0.05))
        #expect(try obf.firstCrossing(zStatistics: [1, 2, 3, 4]) == 3)
        #expect(try obf.firstCrossing(zStatistics: [0.5, -1]) == nil)
        let one = try GroupSequentialDesign(looks: 1, spending: .pocock)
        #expect(isClose(one.boundaries[0], 1.959963984540054, relative: 1e-12))
    }

    @Test("invalid input throws StatsError")
    func invalidInput() throws {
        #expect(throws: StatsError.self) { try MixtureConfidenceSequence(alpha: 0, plannedUnits: 100) }
        #expect(throws: StatsError.self) { try MixtureConfidenceSequence(plannedUnits: 0) }
        #expect(throws: StatsError.self) { try MixtureConfidenceSequence(mixingVariance: -1) }
        let sequence = try MixtureConfidenceSequence(plannedUnits: 1000)
        #expect(throws: StatsError.self) { try sequence.evaluate(estimate: .nan, standardError: 1, units: 10) }
        #expect(throws: StatsError.self) { try sequence.evaluate(estimate: 1, standardError: 0, units: 10) }
        #expect(throws: StatsError.self) { try sequence.evaluate(estimate: 1, standardError: 1, units: 0) }
        let flat = try ProportionSample(units: 100, conversions: 0)
        #expect(throws: StatsError.self) { try sequence.compare(control: flat, variant: flat) }
        #expect(throws: StatsError.self) { try GroupSequentialDesign(looks: 0, spending: .pocock) }
        #expect(throws: StatsError.self) { try GroupSequentialDesign(informationFractions: [0.5, 0.5, 1], spending: .pocock) }
        #expect(throws: StatsError.self) { try GroupSequentialDesign(informationFractions: [0.5, 1.2], spending: .pocock) }
        #expect(throws: StatsError.self) { try GroupSequentialDesign(looks: 3, alpha: 1, spending: .pocock) }
        // So early that O'Brien–Fleming spending underflows to 0.
        #expect(throws: StatsError.self) { try GroupSequentialDesign(informationFractions: [0.0005, 1], spending: .obrienFleming) }
        let design = try GroupSequentialDesign(looks: 2, spending: .pocock)
        #expect(throws: StatsError.self) { try design.firstCrossing(zStatistics: [1, 2, 3]) }
        #expect(throws: StatsError.self) { try design.firstCrossing(zStatistics: [.infinity]) }
    }
}
