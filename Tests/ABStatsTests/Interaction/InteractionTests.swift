import Foundation
import Testing
@testable import ABStats

/// Fixtures/interaction_reference.json, made by Tests/Reference/make_interaction_reference.py
/// from statsmodels' OLS (y ~ A * B, HC2 for means, HC0 for rates) on seeded unit-level data.
struct InteractionFixture: Decodable, Sendable {
    struct Contrast: Decodable, Sendable {
        let row: Int, column: Int, estimate: Double, standardError: Double, statistic: Double, pValue: Double, ci: [Double]
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        /// Means: [units, Σy, Σy²] per cell; rates: [units, conversions].
        let id: String, kind: String, alpha: Double, cells: [[[Double]]], contrasts: [Contrast]
        let chiSquare: Double, degreesOfFreedom: Int, pValue: Double
        var testDescription: String { id }

        var result: InteractionResult {
            get throws {
                if kind == "means" {
                    return try InteractionTest.means(
                        cells.map { try $0.map { try MeanSample(units: Int($0[0]), sum: $0[1], sumSquares: $0[2]) } }, alpha: alpha)
                }
                return try InteractionTest.proportions(
                    cells.map { try $0.map { try ProportionSample(units: Int($0[0]), conversions: Int($0[1])) } }, alpha: alpha)
            }
        }
    }
    let cases: [Case]
}

private let cases = Fixture.table("interaction_reference", as: InteractionFixture.self) { $0.cases }

@Suite("Interaction of two experiments agrees with statsmodels' OLS")
struct InteractionTests {
    @Test("fixture table is present")
    func fixtureSanity() { #expect(cases.count == 9) }

    @Test("contrasts, their Wald tests and intervals, and the joint χ²", arguments: cases)
    func reference(_ c: InteractionFixture.Case) throws {
        let result = try c.result
        #expect(result.contrasts.count == c.contrasts.count)
        for (mine, expected) in zip(result.contrasts, c.contrasts) {
            #expect(mine.rowArm == expected.row && mine.columnArm == expected.column)
            #expect(isClose(mine.estimate, expected.estimate, relative: 1e-9, absolute: 1e-12), "estimate \(mine.estimate) vs \(expected.estimate)")
            #expect(isClose(mine.standardError, expected.standardError, relative: 1e-9), "se \(mine.standardError) vs \(expected.standardError)")
            #expect(isClose(mine.statistic, expected.statistic, relative: 1e-8, absolute: 1e-10))
            #expect(isClose(mine.pValue, expected.pValue, relative: 1e-8))
            #expect(isClose(mine.confidenceInterval.lower, expected.ci[0], relative: 1e-9, absolute: 1e-12))
            #expect(isClose(mine.confidenceInterval.upper, expected.ci[1], relative: 1e-9, absolute: 1e-12))
        }
        #expect(result.degreesOfFreedom == c.degreesOfFreedom)
        #expect(isClose(result.chiSquare, c.chiSquare, relative: 1e-8), "χ² \(result.chiSquare) vs \(c.chiSquare)")
        #expect(isClose(result.pValue, c.pValue, relative: 1e-8))
        #expect(result.confidenceLevel == 1 - c.alpha)
    }

    @Test("a 2 × 2 table's joint test is its one contrast squared; swapping the experiments transposes")
    func twoByTwoAndTranspose() throws {
        let cells = try [[(1000, 100), (1000, 120)], [(1100, 115), (900, 80)]].map {
            try $0.map { try ProportionSample(units: $0.0, conversions: $0.1) }
        }
        let result = try InteractionTest.proportions(cells)
        let contrast = try #require(result.contrasts.first)
        #expect(isClose(result.chiSquare, contrast.statistic * contrast.statistic, relative: 1e-12))
        #expect(isClose(result.pValue, contrast.pValue, relative: 1e-10))
        // By hand: (80/900 − 115/1100) − (120/1000 − 100/1000).
        #expect(isClose(contrast.estimate, 80.0 / 900 - 115.0 / 1100 - 0.12 + 0.1, relative: 1e-12))
        let transposed = try InteractionTest.proportions([[cells[0][0], cells[1][0]], [cells[0][1], cells[1][1]]])
        #expect(isClose(transposed.chiSquare, result.chiSquare, relative: 1e-12))
    }

    @Test("tables that cannot be analysed are refused with a reason")
    func invalidTables() throws {
        let cell = try ProportionSample(units: 100, conversions: 10)
        #expect(throws: StatsError.self) { try InteractionTest.proportions([[cell, cell]]) }
        #expect(throws: StatsError.self) { try InteractionTest.proportions([[cell], [cell]]) }
        #expect(throws: StatsError.invalidParameter(name: "cells[1]", value: "3 cells", expected: "2 cells, as in row 0 (one per arm of the second experiment)")) {
            try InteractionTest.proportions([[cell, cell], [cell, cell, cell]])
        }
        #expect(throws: StatsError.self) { try InteractionTest.proportions([[cell, cell], [cell, cell]], alpha: 0) }
        let zero = try ProportionSample(units: 100, conversions: 0)
        #expect(throws: StatsError.self) { try InteractionTest.proportions([[zero, zero], [zero, zero]]) }
        // A 2 × 3 table where the contrasts share all their variance cannot be jointly tested.
        #expect(throws: StatsError.self) { try InteractionTest.proportions([[cell, zero, zero], [zero, zero, zero]]) }
        let single = try MeanSample(units: 1, sum: 2, sumSquares: 4), spread = try MeanSample(units: 10, mean: 2, standardDeviation: 1)
        #expect(throws: StatsError.self) { try InteractionTest.means([[spread, spread], [spread, single]]) }
    }
}
