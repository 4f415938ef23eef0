import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

/// Simulated experiments through the whole decision path (summary → analysis → gate).
@Suite("Gate validation by simulation")
struct GateValidationTests {
    /// One simulated two-arm experiment at the summary level.
    static func experiment(units: Int, baseline: Double, lift: Double, random: SeededRandom) -> SummaryFile {
        let control = random.binomial(trials: units, probability: baseline)
        let treatment = random.binomial(trials: units, probability: baseline * (1 + lift))
        return SummaryFile(experiment: "sim", control: "control", weights: ["control": 0.5, "treatment": 0.5], metrics: [
            SummaryMetric(id: "activated", type: .proportion, variants: [
                SummaryVariant(key: "control", units: units, conversions: control),
                SummaryVariant(key: "treatment", units: units, conversions: treatment)]),
        ])
    }

    static func shipRate(runs: Int, units: Int, baseline: Double, lift: Double, seed: UInt64) throws -> Int {
        let random = SeededRandom(seed: seed)
        let analyzer = SummaryAnalyzer(options: AnalysisOptions(alpha: 0.05, alternative: .greater))
        let engine = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", shipRules: [.significance]))
        var ships = 0
        for _ in 0..<runs {
            let result = try analyzer.analyze(experiment(units: units, baseline: baseline, lift: lift, random: random))
            if engine.decide(result).verdict == .ship { ships += 1 }
        }
        return ships
    }

    @Test("over 1,000 A/A experiments the gate ships within the binomial 99% band around alpha")
    func aaFalsePositiveRate() throws {
        let runs = 1000
        let ships = try Self.shipRate(runs: runs, units: 5000, baseline: 0.2, lift: 0, seed: 20261123)
        let band = try Binomial(trials: runs, probability: 0.05)
        let low = try band.quantile(0.005), high = try band.quantile(0.995)
        #expect((low...high).contains(ships), "\(ships) ships out of \(runs) A/A runs, band \(low)...\(high)")
    }

    @Test("over simulated real effects the gate ships as often as the power calculation predicts, within a few points")
    func powerMatches() throws {
        // One-sided at alpha 0.05, 20% → 22% (a +10% lift): units per arm for 50% and 80% power.
        let calculator = try PowerCalculator(
            metric: .proportion(baseline: 0.2), test: try NormalIndPower(alpha: 0.05, alternative: .greater))
        for (target, seed) in [(0.5, UInt64(7)), (0.8, UInt64(8))] {
            let units = try calculator.sampleSize(lift: .relative(0.1), power: target).controlUnits
            let predicted = try calculator.power(lift: .relative(0.1), nobs1: Double(units))
            let runs = 1000
            let ships = try Self.shipRate(runs: runs, units: units, baseline: 0.2, lift: 0.1, seed: seed)
            let observed = Double(ships) / Double(runs)
            // The binomial 99% band of 1,000 runs is about ±4 points at these powers.
            #expect(abs(observed - predicted) <= 0.045, "power \(predicted) predicted with \(units) units, \(observed) observed")
        }
    }
}
