import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

@Suite("Metric goals: lower-is-better metrics")
struct MetricGoalTests {
    /// The bundled onboarding summary's `minutes_to_first_project`: three-steps is 10.8% faster.
    private let minutes = SummaryMetric(id: "minutes_to_first_project", type: .mean, variants: [
        SummaryVariant(key: "five-steps", units: 15230, sum: 563510.0, sumSquares: 41822260.0),
        SummaryVariant(key: "three-steps", units: 15118, sum: 498894.0, sumSquares: 33710480.0)])

    private func analyze(_ metrics: [SummaryMetric], goals: [String: MetricGoal]) throws -> AnalysisResult {
        var options = AnalysisOptions()
        options.metricSettings = goals.mapValues { MetricSettings(goal: $0) }
        return try SummaryAnalyzer(options: options).analyze(SummaryFile(experiment: "e", control: metrics[0].variants[0].key, metrics: metrics))
    }

    @Test("a faster time is a win: chance to beat control, loss and marks follow the decrease goal")
    func decreaseIsWin() throws {
        let plain = try analyze([minutes], goals: [:]).metrics[0]
        let result = try analyze([minutes], goals: ["minutes_to_first_project": .decrease])
        let metric = result.metrics[0]
        let variant = metric.variants[1]
        #expect(metric.goal == .decrease)
        #expect(plain.goal == nil)
        #expect(try #require(variant.relativeLift) < -0.10)
        let flipped = try #require(variant.bayesian), raw = try #require(plain.variants[1].bayesian)
        // The posteriors are continuous: the two chances are complements, and the losses swap.
        #expect(abs(flipped.chanceToBeatControl + raw.chanceToBeatControl - 1) < 1e-12)
        #expect(flipped.chanceToBeatControl > 0.999)
        #expect(flipped.expectedLoss < raw.expectedLoss)
        #expect(try #require(flipped.chanceToBeBest) > 0.999)
        #expect(try #require(raw.chanceToBeBest) < 0.001)
        // Independent check of the flipped chance: P(variant − control < 0) under the normal
        // posterior N(Δ, se²) is Φ(−Δ/se).
        let se = try #require(variant.frequentist?.standardError)
        let expected = Normal.standard.cdf(-(variant.absoluteLift ?? 0) / se)
        #expect(abs(flipped.chanceToBeatControl - expected) < 1e-6)

        let rows = MetricRow.rows(for: metric, alpha: 0.05)
        #expect(rows[1].direction == 1)
        #expect(MetricRow.rows(for: plain, alpha: 0.05)[1].direction == -1)
        let markdown = MarkdownReport().render(result)
        #expect(markdown.contains("| three-steps ✅ |"))
        #expect(!markdown.contains("❌"))
        #expect(markdown.contains("#### minutes_to_first_project (mean, lower is better)"))
        #expect(!markdown.contains("| 0.0% |"))
        let html = HTMLReport().render(result)
        #expect(html.contains(#"<tr class="win"><td>three-steps</td>"#))
        #expect(TextReport().render(result).contains("minutes_to_first_project (mean, lower is better)"))
    }

    @Test("chance to be best among three rates picks the lowest for a decrease goal")
    func bestIsLowest() throws {
        let metric = SummaryMetric(id: "unsubscribed", type: .proportion, variants: [
            SummaryVariant(key: "a", units: 5000, conversions: 150),
            SummaryVariant(key: "b", units: 5000, conversions: 100),
            SummaryVariant(key: "c", units: 5000, conversions: 200)])
        let result = try analyze([metric], goals: ["unsubscribed": .decrease])
        let best = result.metrics[0].variants.dropFirst().compactMap(\.bayesian?.chanceToBeBest)
        #expect(best.count == 2)
        #expect(best[0] > 0.9)
        #expect(best[1] < 0.01)
    }

    @Test("the experiment file: goal as written, guardrails that cap increases default to decrease, errors name the path")
    func specGoals() throws {
        let json = #"{"id":"x","variants":\#(validVariants),"metrics":[{"id":"a","type":"conversion","event":"e","primary":true},{"id":"u","type":"conversion","event":"u","guardrail":{"maxRelativeIncrease":0.1}},{"id":"t","type":"mean","event":"t","value":"v","goal":"decrease"},{"id":"r","type":"conversion","event":"r","guardrail":{"maxRelativeDecrease":0.05}}]}"#
        let spec = try ExperimentSpec.parse(Data(json.utf8), file: "x.json")
        let settings = spec.metricSettings
        #expect(settings["a"]?.goal == .increase)
        #expect(settings["u"]?.goal == .decrease)
        #expect(settings["t"]?.goal == .decrease)
        #expect(settings["r"]?.goal == .increase)
        #expect(try spec.analysisOptions().metricSettings == settings)
        do {
            _ = try ExperimentSpec.parse(Data(#"{"id":"x","variants":\#(validVariants),"metrics":[{"id":"a","type":"conversion","event":"e","goal":"down"}]}"#.utf8), file: "bad.json")
            Issue.record("expected goal \"down\" to be rejected")
        } catch {
            #expect(error.lines == [#"bad.json: metrics[0].goal: expected one of increase, decrease, got "down""#])
        }
    }

    @Test("the ship rule reads the primary metric's goal when the ship section gives none")
    func decisionFollowsMetricGoal() throws {
        let json = #"{"id":"e","variants":[{"key":"five-steps","weight":0.5,"control":true},{"key":"three-steps","weight":0.5}],"metrics":[{"id":"minutes_to_first_project","type":"mean","event":"p","value":"m","primary":true,"goal":"decrease"}],"decision":{"ship":{"metric":"minutes_to_first_project","chanceToBeatControl":0.95}}}"#
        let spec = try ExperimentSpec.parse(Data(json.utf8), file: "x.json")
        let policy = spec.decisionPolicy()
        #expect(policy.primaryGoal == .decrease)
        let result = try SummaryAnalyzer(options: try spec.analysisOptions())
            .analyze(SummaryFile(experiment: "e", control: "five-steps", metrics: [minutes]))
        let decision = DecisionEngine(policy: policy).decide(result)
        #expect(decision.verdict == .ship)
        #expect(decision.reasons.contains { $0.hasPrefix("minutes_to_first_project: three-steps beats five-steps with probability 1") })
        // A ship section that says increase reads the complement: the same data then block.
        var increase = policy
        increase.primaryGoal = .increase
        #expect(DecisionEngine(policy: increase).decide(result).verdict == .block)
    }
}
