import Foundation
import Testing
@testable import ABStats

/// Issue 15: unit counts beyond what a Double counts exactly trapped (Double → Int) or
/// overflowed (Int +, ×) in the power analysis and the comparisons; they are errors now.
@Suite("Unit counts are bounded at 2^53 everywhere")
struct UnitBoundTests {
    @Test("a lift too small to detect with 2^53 units is an error, not a trap")
    func tinyLift() throws {
        let calculator = try PowerCalculator(metric: .proportion(baseline: 0.2), test: NormalIndPower())
        #expect(throws: StatsError.self) { try calculator.sampleSize(lift: .relative(1e-12), power: 0.8) }
        #expect(throws: StatsError.self) { try calculator.sampleSize(lift: .relative(1e-300), power: 0.8) }
        // Just inside the bound still works.
        let size = try calculator.sampleSize(lift: .relative(1e-5), power: 0.8)
        #expect(size.controlUnits > 1_000_000_000 && size.controlUnits <= UnitCount.maximum)
    }

    @Test("SampleSize refuses counts beyond 2^53 and totals that overflow")
    func sampleSize() throws {
        #expect(throws: StatsError.self) { try SampleSize(nobs1: 1e19, ratio: 1, effectSize: 0.1) }
        #expect(throws: StatsError.self) { try SampleSize(nobs1: 1e15, ratio: 100, effectSize: 0.1) }
        let size = try SampleSize(nobs1: 1000, ratio: 1, effectSize: 0.1)
        #expect(try size.totalUnits(variants: 3) == 3000)
        #expect(throws: StatsError.self) { try size.totalUnits(variants: Int.max) }
    }

    @Test("samples refuse more than 2^53 units, naming the field", arguments: [UnitCount.maximum + 1, 5_000_000_000_000_000_000, Int.max])
    func samples(_ units: Int) {
        #expect(throws: StatsError.invalidVariant(
            variant: "b", field: "units", reason: "must be \(UnitCount.rangeDescription) (got \(units))")) {
            try ProportionSample(units: units, conversions: 1, label: "b")
        }
        #expect(throws: StatsError.self) { try MeanSample(units: units, sum: 1, sumSquares: 1, label: "b") }
        #expect(throws: StatsError.self) { try SurvivalSample(rows: [LifeTableRow(time: 1, events: units, censored: 0)]) }
        #expect(throws: StatsError.self) {
            try SurvivalSample(rows: [LifeTableRow(time: 1, events: UnitCount.maximum, censored: UnitCount.maximum)])
        }
    }

    @Test("comparisons at 2^53 units per variant run without overflow")
    func comparisonsAtTheBound() throws {
        let n = UnitCount.maximum
        let control = try ProportionSample(units: n, conversions: n / 4)
        let variant = try ProportionSample(units: n, conversions: n / 4 + 1_000_000_000)
        let result = try ProportionComparison.compare(control: control, variant: variant)
        #expect(result.pValue >= 0 && result.pValue <= 1)
        let chi = try ChiSquareIndependenceTest(Array(repeating: control, count: 2000))
        #expect(chi.pValue > 0.99)
        let srm = try SampleRatioMismatch(observed: Array(repeating: n, count: 2000), weights: Array(repeating: 1.0 / 2000, count: 2000))
        #expect(!srm.isMismatch)
        #expect(throws: StatsError.self) { try control + variant }
    }
}
