import Foundation
import Testing
@testable import ABStats

/// Fixtures/km_median_reference.json, made by Tests/Reference/make_km_median_reference.py:
/// exact-fraction medians and lifelines' median intervals of seeded whole-day datasets.
struct KaplanMeierMedianFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, alpha: Double
        /// Rows as [time, events, censored].
        let table: [[Double]]
        let median: Double?, exactHalf: Bool, lifelinesMedian: Double?, floatProductMedian: Double?
        let medianInterval: [Double?]
        var testDescription: String { id }

        var sample: SurvivalSample {
            get throws { try SurvivalSample(rows: table.map { LifeTableRow(time: $0[0], events: Int($0[1]), censored: Int($0[2])) }) }
        }
    }
    struct Summary: Decodable, Sendable { let datasets: Int, exactHalves: Int }
    let summary: Summary
    let cases: [Case]
}

private let fixture = try? Fixture.load("km_median_reference", as: KaplanMeierMedianFixture.self)
private let cases = fixture?.cases ?? []

@Suite("Kaplan–Meier median where S reaches exactly 1/2")
struct KaplanMeierMedianTests {
    @Test("fixture table is present and holds exact halves the float product misses")
    func fixtureSanity() {
        #expect(cases.count == 183)
        #expect(cases.filter(\.exactHalf).count == fixture?.summary.exactHalves)
        // The fixture must exercise the bug: cases where the naive product's median is late.
        #expect(cases.filter { $0.median != $0.floatProductMedian }.count >= 10)
    }

    @Test("median equals the exact-fraction median; its interval equals lifelines'", arguments: cases)
    func median(_ c: KaplanMeierMedianFixture.Case) throws {
        let curve = try KaplanMeierCurve(try c.sample, alpha: c.alpha)
        #expect(curve.median == c.median, "median \(String(describing: curve.median)) vs exact \(String(describing: c.median))")
        #expect(curve.medianInterval.lower == c.medianInterval[0])
        #expect(curve.medianInterval.upper == c.medianInterval[1])
    }

    @Test("the product stays exact while it fits, then carries on in floating point")
    func productFallsBackAfterOverflow() {
        var product = SurvivalProduct(), float = 1.0
        // 71/142 reduces to 1/2 exactly; the running float product does not.
        for atRisk in stride(from: 142, to: 71, by: -1) {
            product.multiply(survivors: atRisk - 1, atRisk: atRisk)
            float *= 1 - 1 / Double(atRisk)
        }
        #expect(product.isExact && product.value == 0.5 && product.isAtMostHalf)
        #expect(float > 0.5)
        // Prime numbers at risk, one event each: nothing cancels, and the fourth factor's
        // denominator (about 10^24) no longer fits in 64 bits.
        product = SurvivalProduct()
        float = 1
        for prime in [1_000_003, 999_983, 999_979, 999_961, 999_959] {
            product.multiply(survivors: prime - 1, atRisk: prime)
            float *= 1 - 1 / Double(prime)
        }
        #expect(!product.isExact)
        #expect(product.value == float && !product.isAtMostHalf)
        product.multiply(survivors: 1, atRisk: 2)
        #expect(product.value < 0.5 && product.isAtMostHalf)
    }

    @Test("half of an even group converting before any censoring puts the median at that event")
    func exactHalfByHand() throws {
        // 142 units, one event a day on days 1…69 and two on day 139: exactly 71 of 142 have
        // converted by day 139 and nobody was censored before, so S(139) = 1/2 (the running
        // float product gives 0.5000000000000006 and put the median at day 142).
        var rows = (1 ... 69).map { LifeTableRow(time: Double($0), events: 1, censored: 0) }
        rows.append(LifeTableRow(time: 139, events: 2, censored: 0))
        rows.append(LifeTableRow(time: 142, events: 1, censored: 0))
        rows.append(LifeTableRow(time: 200, events: 0, censored: 70))
        let curve = try KaplanMeierCurve(try SurvivalSample(rows: rows))
        #expect(curve.survival(at: 139) == 0.5)
        #expect(curve.median == 139)
        // With a censoring before the 71st event the estimate stays above 1/2 at day 139.
        rows[0] = LifeTableRow(time: 1, events: 0, censored: 1)
        rows.append(LifeTableRow(time: 150, events: 1, censored: 0))
        rows[rows.count - 2] = LifeTableRow(time: 200, events: 0, censored: 69)
        let censored = try KaplanMeierCurve(try SurvivalSample(rows: rows))
        #expect(censored.survival(at: 139) > 0.5)
        #expect(censored.median == 142)
    }
}
