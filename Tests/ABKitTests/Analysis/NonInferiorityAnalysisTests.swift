import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

@Suite("Non-inferiority margins in the analysis and the decision")
struct NonInferiorityAnalysisTests {
    private func spec(_ metrics: String, ship: String) throws -> ExperimentSpec {
        try ExperimentSpec.parse(Data(#"{"id":"e","variants":[{"key":"control","weight":0.5,"control":true},{"key":"new","weight":0.5}],"metrics":\#(metrics),"decision":{"ship":\#(ship)}}"#.utf8), file: "x.json")
    }

    private func summary(activated: (Int, Int), retained: (Int, Int) = (10000, 4000), minutes: (Double, Double)? = nil) -> SummaryFile {
        var metrics = [
            SummaryMetric(id: "activated", type: .proportion, variants: [
                SummaryVariant(key: "control", units: 10000, conversions: 2000),
                SummaryVariant(key: "new", units: activated.0, conversions: activated.1)]),
            SummaryMetric(id: "retained", type: .proportion, variants: [
                SummaryVariant(key: "control", units: 10000, conversions: 4000),
                SummaryVariant(key: "new", units: retained.0, conversions: retained.1)]),
        ]
        if let minutes {
            metrics.append(SummaryMetric(id: "minutes", type: .mean, variants: [
                SummaryVariant(key: "control", units: 1000, sum: 1000 * minutes.0, sumSquares: 1000 * (minutes.0 * minutes.0 + 100)),
                SummaryVariant(key: "new", units: 1000, sum: 1000 * minutes.1, sumSquares: 1000 * (minutes.1 * minutes.1 + 100))]))
        }
        return SummaryFile(experiment: "e", control: "control", weights: ["control": 0.5, "new": 0.5], metrics: metrics)
    }

    @Test("the variant's block is the one-sided test on the relative scale, as NonInferiorityTest computes it")
    func block() throws {
        let spec = try spec(#"[{"id":"activated","type":"conversion","event":"a","primary":true,"nonInferiorityMargin":0.1}]"#,
                            ship: #"{"metric":"activated","nonInferiority":true}"#)
        let result = try SummaryAnalyzer(options: try spec.analysisOptions()).analyze(summary(activated: (10000, 2010)))
        let block = try #require(result.metrics[0].variants[1].nonInferiority)
        let direct = try NonInferiorityTest.proportions(
            control: ProportionSample(units: 10000, conversions: 2000), variant: ProportionSample(units: 10000, conversions: 2010),
            margin: 0.1, scale: .relative, goal: .increase, alpha: 0.05)
        #expect(block.method == .proportionRatioLog)
        #expect(block.threshold == -0.1)
        #expect(block.pValue == direct.pValue && block.bound == direct.bound)
        // By hand: ln(0.201/0.2) against ln(0.9), se² = 1/2010 − 1/10000 + 1/2000 − 1/10000.
        let se = (1.0 / 2010 - 1.0 / 10000 + 1.0 / 2000 - 1.0 / 10000).squareRoot()
        let z = (log(0.201 / 0.2) - log(0.9)) / se
        #expect(abs(block.statistic - z) < 1e-9)
        #expect(abs(block.bound - (exp(log(1.005) - 1.6448536269514722 * se) - 1)) < 1e-9)
        #expect(block.nonInferior)
        #expect(result.metrics[0].variants[0].nonInferiority == nil)
        let decision = DecisionEngine(policy: spec.decisionPolicy()).decide(result)
        #expect(decision.verdict == .ship)
        #expect(decision.rules?.last?.message.contains("not worse than the margin") == true)
        #expect(TextReport().render(result).contains("new, non-inferiority (margin -10.00%): one-sided 95% lower bound"))
    }

    @Test("a variant that may be 5% worse is not shown non-inferior at 2%: the ship rule waits")
    func notShown() throws {
        let spec = try spec(#"[{"id":"activated","type":"conversion","event":"a","primary":true,"nonInferiorityMargin":0.02}]"#,
                            ship: #"{"metric":"activated","nonInferiority":true}"#)
        let result = try SummaryAnalyzer(options: try spec.analysisOptions()).analyze(summary(activated: (10000, 1950)))
        #expect(result.metrics[0].variants[1].nonInferiority?.nonInferior == false)
        let decision = DecisionEngine(policy: spec.decisionPolicy()).decide(result)
        #expect(decision.verdict == .inconclusive)
        #expect(decision.rules?.last?.message.contains("does not clear the margin -2.00%") == true)
    }

    @Test("a margin on another metric is a rule every variant must pass before shipping")
    func secondaryRule() throws {
        let spec = try spec(#"[{"id":"activated","type":"conversion","event":"a","primary":true},{"id":"retained","type":"retention","event":"s","day":7,"nonInferiorityMargin":0.05}]"#,
                            ship: #"{"metric":"activated","significance":true}"#)
        #expect(spec.decisionPolicy().nonInferiorityMetrics == ["retained"])
        let options = try spec.analysisOptions()
        let shown = try SummaryAnalyzer(options: options).analyze(summary(activated: (10000, 2300), retained: (10000, 4010)))
        let passed = DecisionEngine(policy: spec.decisionPolicy()).decide(shown)
        #expect(passed.rules?.first { $0.rule == "non-inferiority:retained" }?.status == .passed)
        #expect(passed.verdict == .ship)
        let unclear = try SummaryAnalyzer(options: options).analyze(summary(activated: (10000, 2300), retained: (10000, 3900)))
        let waiting = DecisionEngine(policy: spec.decisionPolicy()).decide(unclear)
        #expect(waiting.rules?.first { $0.rule == "non-inferiority:retained" }?.status == .pending)
        #expect(waiting.verdict == .inconclusive)
    }

    @Test("a relative margin on a lower-is-better mean is margin × control's mean above it (Welch)")
    func meanDecrease() throws {
        let spec = try spec(#"[{"id":"activated","type":"conversion","event":"a","primary":true},{"id":"minutes","type":"mean","event":"m","value":"v","goal":"decrease","nonInferiorityMargin":0.1}]"#,
                            ship: #"{"metric":"activated"}"#)
        let result = try SummaryAnalyzer(options: try spec.analysisOptions()).analyze(summary(activated: (10000, 2000), minutes: (30, 30.5)))
        let block = try #require(result.metrics[2].variants[1].nonInferiority)
        let direct = try NonInferiorityTest.means(
            control: MeanSample(units: 1000, mean: 30, standardDeviation: (100.0 * 1000 / 999).squareRoot()),
            variant: MeanSample(units: 1000, mean: 30.5, standardDeviation: (100.0 * 1000 / 999).squareRoot()),
            margin: 3, goal: .decrease, alpha: 0.05)
        #expect(block.method == .welchT)
        #expect(abs(block.threshold - 3) < 1e-12)
        #expect(abs(block.bound - direct.bound) < 1e-9)
        #expect(block.bound < 3 && block.nonInferior)
        #expect(TextReport().render(result).contains("new, non-inferiority (margin +3 = +10.00% of control): one-sided 95% upper bound"))
    }

    @Test("margins the file cannot mean are refused with their JSON path")
    func badMargins() {
        func problems(_ metric: String) -> [String] {
            do {
                _ = try ExperimentSpec.parse(Data(#"{"id":"x","variants":\#(validVariants),"metrics":[\#(metric)]}"#.utf8), file: "bad.json")
                return []
            } catch { return error.lines }
        }
        #expect(problems(#"{"id":"m","type":"conversion","event":"e","nonInferiorityMargin":1.5}"#)
            == ["bad.json: metrics[0].nonInferiorityMargin: expected a relative margin below 1 (0.02 = 2%; a metric cannot fall by 100% or more), got 1.5"])
        #expect(problems(#"{"id":"m","type":"conversion","event":"e","nonInferiorityMargin":-0.1}"#)
            == ["bad.json: metrics[0].nonInferiorityMargin: expected a number in (0, 1.7976931348623157e+308], got -0.1"])
        #expect(problems(#"{"id":"m","type":"timeToEvent","event":"e","nonInferiorityMargin":0.1}"#)
            == ["bad.json: metrics[0].nonInferiorityMargin: non-inferiority tests conversion, count, sum, mean and retention metrics, not timeToEvent"])
        #expect(problems(#"{"id":"m","type":"conversion","event":"e","nonInferiorityScale":"absolute"}"#)
            == ["bad.json: metrics[0].nonInferiorityScale: expected nonInferiorityMargin beside it: the scale says how the margin is read"])
        #expect(problems(#"{"id":"m","type":"count","event":"e","nonInferiorityMargin":2,"nonInferiorityScale":"absolute"}"#) == [])
    }
}
