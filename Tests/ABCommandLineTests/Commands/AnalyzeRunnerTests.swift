import ABTestSupport
import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

@Suite("abkit analyze --summary, run in-process")
struct AnalyzeRunnerTests {
    let welcome = RepositoryPaths.experiments("summaries/welcome-message-timing.summary.json")
    let checklist = RepositoryPaths.experiments("summaries/onboarding-checklist.summary.json")

    private func json(_ output: CommandOutput) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    }

    @Test("text output lists every metric and variant with the SRM verdict first")
    func text() {
        let output = AnalyzeRunner(input: .summary(path: welcome)).run()
        #expect(output.exitCode == .success)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("SRM: ok"))
        for needle in ["activated_7d (proportion)", "revenue_30d (mean)", "one-hour", "next-morning", "two-proportion-z", "welch-t"] {
            #expect(output.standardOutput.contains(needle), "missing \(needle)")
        }
        #expect(!output.standardOutput.contains("nan") && !output.standardOutput.contains("\u{1B}["))
    }

    @Test("JSON output follows the result contract of docs/result-json.md")
    func jsonContract() throws {
        let output = AnalyzeRunner(input: .summary(path: welcome), format: .json).run()
        #expect(output.exitCode == .success)
        let root = try json(output)
        #expect(root["schemaVersion"] as? Int == 1)
        #expect(root["experiment"] as? String == "welcome-message-timing")
        #expect(root["control"] as? String == "immediate")
        let srm = try #require(root["srm"] as? [String: Any])
        #expect(Set(srm.keys).isSuperset(of: ["pValue", "mismatch", "observed", "expected"]))
        #expect((srm["observed"] as? [String: Int])?["immediate"] == 4012)
        let metrics = try #require(root["metrics"] as? [[String: Any]])
        #expect(metrics.map { $0["id"] as? String } == ["activated_7d", "unsubscribed", "revenue_30d"])
        let variants = try #require(metrics[0]["variants"] as? [[String: Any]])
        #expect(variants.map { $0["key"] as? String } == ["immediate", "one-hour", "next-morning"])
        let control = variants[0], oneHour = variants[1]
        #expect(control["frequentist"] == nil)
        #expect(Set((control["posterior"] as? [String: Any] ?? [:]).keys).isSuperset(of: ["alpha", "beta", "credibleInterval"]))
        #expect(Set(oneHour.keys).isSuperset(of: ["key", "units", "mean", "absoluteLift", "relativeLift", "frequentist", "posterior"]))
        let frequentist = try #require(oneHour["frequentist"] as? [String: Any])
        #expect(Set(frequentist.keys).isSuperset(of: ["test", "statistic", "pValue", "adjustedPValue", "ci", "relativeCi"]))
        #expect(frequentist["test"] as? String == "two-proportion-z")
        // statsmodels proportions_ztest([851, 803], [3877, 4012]) (Tests/Reference/make_stats_reference.py, "design example").
        let p = try #require(frequentist["pValue"] as? Double)
        #expect(abs(p - 0.0347942586380333) < 1e-12)
        #expect(try #require((oneHour["posterior"] as? [String: Any])?["alpha"] as? Double) == 852)
        let data = try #require(root["data"] as? [String: Any])
        #expect(Set(data.keys) == ["linesRead", "accepted", "rejected", "rejectedByReason"])
    }

    @Test("the bayesian block uses the analysis' prior for rates and the normal posterior for means")
    func bayesianBlock() throws {
        let summary = try SummaryFile.load(from: welcome)
        for prior in [(1.0, 1.0), (30.0, 120.0)] {
            let result = try SummaryAnalyzer(options: AnalysisOptions(alpha: 0.1, priorAlpha: prior.0, priorBeta: prior.1)).analyze(summary)
            let rates = try #require(result.metrics.first { $0.id == "activated_7d" })
            #expect(rates.variants[0].bayesian == nil)
            let oneHour = try #require(rates.variants[1].bayesian)
            let model = try BetaBinomialModel(priorAlpha: prior.0, priorBeta: prior.1)
            let expected = try BetaComparison.compare(
                control: model.posterior(units: 4012, conversions: 803), variant: model.posterior(units: 3877, conversions: 851), alpha: 0.1)
            #expect(oneHour.chanceToBeatControl == expected.chanceToBeatControl)
            #expect(oneHour.expectedLoss == expected.expectedLoss)
            #expect(oneHour.credibleInterval == expected.credibleInterval)
            let best = rates.variants.dropFirst().compactMap { $0.bayesian?.chanceToBeBest }
            #expect(best.count == 2 && best.allSatisfy { $0 > 0 && $0 < 1 })
            let means = try #require(result.metrics.first { $0.id == "revenue_30d" })
            let revenue = try #require(means.variants[1].bayesian)
            #expect(revenue.chanceToBeatControl > 0.8 && revenue.chanceToBeatControl < 0.85)
            #expect(try #require(revenue.credibleInterval).contains(try #require(means.variants[1].absoluteLift)))
        }
    }

    @Test("Holm over the whole analysis, or metric by metric")
    func correctionScopes() throws {
        let all = try AnalyzeRunner(input: .summary(path: welcome)).analyze()
        let raw = all.metrics.flatMap { $0.variants.compactMap { $0.frequentist?.pValue } }
        let expected = try MultipleComparisonCorrection.holm.adjust(raw)
        #expect(all.metrics.flatMap { $0.variants.compactMap { $0.frequentist?.adjustedPValue } } == expected)

        let perMetric = try AnalyzeRunner(input: .summary(path: welcome), options: AnalysisOptions(correctionScope: .metric)).analyze()
        let first = perMetric.metrics[0].variants.compactMap { $0.frequentist }
        #expect(first.map(\.adjustedPValue) == (try MultipleComparisonCorrection.holm.adjust(first.map(\.pValue))))
    }

    @Test("Markdown output is a table per metric")
    func markdown() {
        let output = AnalyzeRunner(input: .summary(path: checklist), format: .markdown).run()
        #expect(output.exitCode == .success)
        #expect(output.standardOutput.contains("| variant | units | mean | lift |"))
        #expect(output.standardOutput.contains("#### projects_created_14d (mean)"))
        #expect(output.standardOutput.contains("three-steps ✅"))
    }

    @Test("a missing file exits 66 and names the file")
    func missingFile() {
        let output = AnalyzeRunner(input: .summary(path: "/nonexistent/summary.json")).run()
        #expect(output.exitCode == .noInput)
        #expect(output.standardError.contains("/nonexistent/summary.json"))
    }

    @Test("bad data exits 65 with the JSON path of the field", arguments: [
        (#"{"experiment":"e","control":"a","metrics":[{"id":"m","type":"proportion","variants":[{"key":"a","units":10,"conversions":1},{"key":"b","units":10,"conversions":12}]}]}"#,
         "metrics[0].variants[1].conversions: must be ≤ units (12 > 10)"),
        (#"{"experiment":"e","control":"a","metrics":[{"id":"m","type":"proportion","variants":[{"key":"a","units":"ten"}]}]}"#,
         "metrics[0].variants[0].units: expected a whole number"),
        (#"{"experiment":"e","control":"z","metrics":[{"id":"m","type":"proportion","variants":[{"key":"a","units":10,"conversions":1},{"key":"b","units":10,"conversions":2}]}]}"#,
         "metrics[0].variants: no entry for the control variant 'z'"),
        (#"{"experiment":"e","control":"a","weights":{"a":0.5,"b":0.6},"metrics":[{"id":"m","type":"proportion","variants":[{"key":"a","units":10,"conversions":1},{"key":"b","units":10,"conversions":2}]}]}"#,
         "weights: must sum to 1 within 1e-6"),
        (#"{"experiment":"e","control":"a","metrics":[{"id":"m","type":"mean","variants":[{"key":"a","units":10,"sum":1},{"key":"b","units":10,"sum":2,"sumSquares":3}]}]}"#,
         "metrics[0].variants[0].sumSquares: is required for a mean metric"),
        (#"{"experiment":"e","control":"a","metrics":[{"id":"m","type":"median","variants":[]}]}"#,
         "metrics[0].type"),
        (#"{"experiment": "e", "#, "not valid JSON"),
    ])
    func badData(_ text: String, _ message: String) throws {
        let path = try RepositoryPaths.temporaryFile(text)
        let output = AnalyzeRunner(input: .summary(path: path)).run()
        #expect(output.exitCode == .dataError)
        #expect(output.standardError.contains(path))
        #expect(output.standardError.contains(message), "\(output.standardError)")
        #expect(output.standardOutput.isEmpty)
    }

    @Test("usage errors exit 64")
    func usage() {
        #expect(throws: ABKitError.self) { try OptionParsing.prior("1") }
        #expect(throws: ABKitError.self) { try OptionParsing.prior("0,1") }
        #expect(throws: ABKitError.self) { try OptionParsing.correction("sidak") }
        let output = AnalyzeRunner(input: .summary(path: welcome), options: AnalysisOptions(alpha: 1.5)).run()
        #expect(output.exitCode == .usage)
    }

    @Test("zero variance in both groups is reported as a note, never as NaN")
    func degenerateMetric() throws {
        let text = #"{"experiment":"e","control":"a","metrics":[{"id":"flat","type":"mean","variants":[{"key":"a","units":10,"sum":10,"sumSquares":10},{"key":"b","units":10,"sum":10,"sumSquares":10}]}]}"#
        let output = AnalyzeRunner(input: .summary(path: try RepositoryPaths.temporaryFile(text)), format: .json).run()
        #expect(output.exitCode == .success)
        #expect(output.standardOutput.contains("zero variance"))
        #expect(!output.standardOutput.lowercased().contains("nan"))
    }
}
