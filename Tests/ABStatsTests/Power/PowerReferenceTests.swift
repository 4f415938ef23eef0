import Foundation
import Testing
@testable import ABStats

/// Fixtures/power_reference.json, made by Tests/Reference/make_bayes_reference.py from
/// statsmodels' NormalIndPower.
struct PowerFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let id: String, metric: [MetricValue], liftKind: String, lift: Double, alpha: Double, power: Double
        let ratio: Double, alternative: String, effectSize: Double
        let nobs1: Double, nobs1Statsmodels: Double, controlUnits: Int, variantUnits: Int
        let units: Double, powerAtUnits: Double
        let detectableEffectSize: Double, detectableEffectSizeStatsmodels: Double
        let detectableAbsoluteLift: Double, detectableRelativeLift: Double?
        var testDescription: String { id }

        var calculator: PowerCalculator {
            get throws { try PowerFixture.calculator(metric: metric, alpha: alpha, ratio: ratio, alternative: alternative) }
        }
        var liftValue: PowerCalculator.Lift { PowerFixture.lift(kind: liftKind, value: lift) }
    }

    /// The calculator a fixture row describes: metric ["proportion", baseline] or ["mean", mean, sd].
    static func calculator(metric: [MetricValue], alpha: Double, ratio: Double, alternative: String) throws -> PowerCalculator {
        let kind: PowerCalculator.Metric = metric[0].text == "proportion"
            ? .proportion(baseline: metric[1].number!)
            : .mean(mean: metric[1].number!, standardDeviation: metric[2].number!)
        let test = try NormalIndPower(alpha: alpha, ratio: ratio, alternative: Alternative(rawValue: alternative)!)
        return try PowerCalculator(metric: kind, test: test)
    }

    /// A fixture row's lift: kind "absolute" or "relative".
    static func lift(kind: String, value: Double) -> PowerCalculator.Lift { kind == "absolute" ? .absolute(value) : .relative(value) }
    /// A metric entry: its kind name, then numbers.
    enum MetricValue: Decodable, Sendable {
        case text(String), number(Double)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
        var text: String? { if case let .text(value) = self { value } else { nil } }
        var number: Double? { if case let .number(value) = self { value } else { nil } }
    }
    let cases: [Case]
}

private let cases = Fixture.table("power_reference", as: PowerFixture.self) { $0.cases }

@Suite("Power analysis agrees with statsmodels' NormalIndPower")
struct PowerReferenceTests {
    @Test("fixture table is present")
    func fixtureSanity() { #expect(cases.count >= 14) }

    @Test("effect size, units, power and minimum detectable effect", arguments: cases)
    func reference(_ c: PowerFixture.Case) throws {
        let calculator = try c.calculator
        #expect(isClose(try calculator.effectSize(c.liftValue), c.effectSize, relative: 1e-12))
        let size = try calculator.sampleSize(lift: c.liftValue, power: c.power)
        #expect(isClose(size.nobs1, c.nobs1, relative: 1e-9), "nobs1 \(size.nobs1) vs \(c.nobs1)")
        #expect(isClose(size.nobs1, c.nobs1Statsmodels, relative: 1e-6))
        #expect(size.controlUnits == c.controlUnits)
        #expect(size.variantUnits == c.variantUnits)
        #expect(isClose(try calculator.power(lift: c.liftValue, nobs1: c.units), c.powerAtUnits, relative: 1e-9))
        let mde = try calculator.minimumDetectableEffect(nobs1: c.units, power: c.power)
        #expect(isClose(mde.effectSize, c.detectableEffectSize, relative: 1e-9), "d \(mde.effectSize) vs \(c.detectableEffectSize)")
        // statsmodels' own solve_power for the effect size stops early (2% off for tiny effects).
        #expect(isClose(mde.effectSize, c.detectableEffectSizeStatsmodels, relative: 2e-2))
        #expect(isClose(mde.absoluteLift, c.detectableAbsoluteLift, relative: 1e-9))
        if let relative = c.detectableRelativeLift { #expect(isClose(mde.relativeLift!, relative, relative: 1e-9)) }
    }
}

@Suite("Power analysis: consistency and invalid input")
struct PowerPropertyTests {
    @Test("power at the solved units is the target; more units, more power", arguments: [Alternative.twoSided, .greater])
    func roundTrip(_ alternative: Alternative) throws {
        let test = try NormalIndPower(alpha: 0.05, ratio: 1.3, alternative: alternative)
        let n = try test.nobs1(effectSize: 0.1, power: 0.8)
        #expect(isClose(try test.power(effectSize: 0.1, nobs1: n), 0.8, relative: 1e-12))
        #expect(try test.power(effectSize: 0.1, nobs1: 2 * n) > 0.8)
        #expect(isClose(try test.detectableEffectSize(nobs1: n, power: 0.8), 0.1, relative: 1e-9))
    }

    @Test("two-sided power is symmetric in the effect's sign")
    func symmetric() throws {
        let test = try NormalIndPower()
        #expect(isClose(try test.power(effectSize: 0.2, nobs1: 300), try test.power(effectSize: -0.2, nobs1: 300), relative: 1e-14))
    }

    @Test("invalid input throws a StatsError naming the problem")
    func invalidInput() throws {
        #expect(throws: StatsError.self) { try NormalIndPower(alpha: 0) }
        #expect(throws: StatsError.self) { try NormalIndPower(ratio: -1) }
        let oneSided = try NormalIndPower(alternative: .greater)
        #expect(throws: StatsError.self) { try oneSided.nobs1(effectSize: -0.1, power: 0.8) }
        #expect(throws: StatsError.self) { try oneSided.nobs1(effectSize: 0.1, power: 0.01) }
        #expect(throws: StatsError.self) { try PowerCalculator(metric: .proportion(baseline: 1.2), test: oneSided) }
        let calculator = try PowerCalculator(metric: .proportion(baseline: 0.9), test: NormalIndPower())
        #expect(throws: StatsError.self) { try calculator.sampleSize(lift: .absolute(0.2), power: 0.8) }
        #expect(throws: StatsError.self) { try calculator.minimumDetectableEffect(nobs1: 2, power: 0.99) }
    }
}
