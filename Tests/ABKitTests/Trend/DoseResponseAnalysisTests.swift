import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

/// Fatigue: messages per week as doses. Three doses determine the quadratic exactly, so the
/// coefficients and the best dose can be written out by hand.
@Suite("Dose–response curve across dosed variants")
struct DoseResponseAnalysisTests {
    private func analyze(_ conversions: [Int], goal: MetricGoal) throws -> MetricResult {
        var options = AnalysisOptions()
        options.doses = ["one": 0, "two": 1, "three": 2]
        options.metricSettings = ["m": MetricSettings(goal: goal)]
        let summary = SummaryFile(experiment: "e", control: "one", metrics: [
            SummaryMetric(id: "m", type: .proportion, variants: zip(["one", "two", "three"], conversions).map {
                SummaryVariant(key: $0.0, units: 10000, conversions: $0.1)
            })])
        return try SummaryAnalyzer(options: options).analyze(summary).metrics[0]
    }

    @Test("activation 20%, 23%, 22% at 0, 1, 2 per week: b = (0.20, 0.05, −0.02), best 1.25 per week at 23.125%")
    func peak() throws {
        let metric = try analyze([2000, 2300, 2200], goal: .increase)
        let curve = try #require(metric.doseResponse)
        for (value, expected) in zip(curve.coefficients, [0.20, 0.05, -0.02]) { #expect(abs(value - expected) < 1e-12) }
        #expect(abs(try #require(curve.bestDose) - 1.25) < 1e-10)
        #expect(abs(try #require(curve.bestLevel) - 0.23125) < 1e-12)
        #expect(curve.withinObservedDoses == true)
        #expect(curve.residualChiSquare < 1e-12)
        let ci = try #require(curve.bestDoseCi)
        #expect(ci.lower < 1.25 && ci.upper > 1.25)
        let line = MetricRow.adjustmentLines(for: metric, alpha: 0.05).first { $0.hasPrefix("dose-response") }
        #expect(line?.contains("best at dose 1.25") == true)
    }

    @Test("unsubscribes 5%, 3%, 4% with a decrease goal: the lowest point, 7/6 per week at 2.958%")
    func trough() throws {
        let curve = try #require(try analyze([500, 300, 400], goal: .decrease).doseResponse)
        for (value, expected) in zip(curve.coefficients, [0.05, -0.035, 0.015]) { #expect(abs(value - expected) < 1e-12) }
        #expect(abs(try #require(curve.bestDose) - 7.0 / 6) < 1e-10)
        let lowest: Double = 0.05 - 0.035 * 7.0 / 6.0 + 0.015 * 49.0 / 36.0
        #expect(abs(try #require(curve.bestLevel) - lowest) < 1e-12)
    }

    @Test("a curve bending the wrong way has no best dose, and says so")
    func noBest() throws {
        let metric = try analyze([2000, 1900, 2200], goal: .increase)
        #expect(metric.doseResponse != nil && metric.doseResponse?.bestDose == nil)
        #expect(metric.notes?.contains { $0.hasPrefix("dose-response: ") } == true)
    }
}
