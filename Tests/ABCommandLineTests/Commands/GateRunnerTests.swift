import ABTestSupport
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

@Suite("abkit gate on the bundled welcome-message-timing data")
struct GateRunnerTests {
    let experiment = RepositoryPaths.experiments("welcome-message-timing.json")

    private func gate(_ summary: String, format: ReportFormat = .text, inconclusiveOK: Bool = false,
                      junit: String? = nil, stepSummary: String? = nil) -> CommandOutput {
        let analysis = AnalyzeRunner(experimentPath: experiment, input: .summary(path: RepositoryPaths.experiments("summaries/\(summary)")), format: format)
        return GateRunner(analysis: analysis, junitPath: junit, stepSummaryPath: stepSummary,
                          githubAnnotations: stepSummary != nil, inconclusiveIsSuccess: inconclusiveOK).run()
    }

    @Test("the full bundled summary ships (exit 0): one-hour beats immediate with the Bayesian chance")
    func ship() throws {
        let output = gate("welcome-message-timing.summary.json")
        #expect(output.exitCode == .success)
        #expect(output.standardOutput.contains("Decision: SHIP"))
        #expect(output.standardOutput.contains("activated_7d: one-hour beats immediate with probability 0.983 ≥ 0.95"))
        let json = gate("welcome-message-timing.summary.json", format: .json)
        let root = try #require(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let metrics = try #require(root["metrics"] as? [[String: Any]])
        let variants = try #require(metrics.first?["variants"] as? [[String: Any]])
        #expect(variants[0]["bayesian"] == nil)
        let bayesian = try #require(variants[1]["bayesian"] as? [String: Any])
        let chance = try #require(bayesian["chanceToBeatControl"] as? Double)
        #expect(chance > 0.98 && chance < 0.99)
        #expect((bayesian["expectedLoss"] as? Double).map { $0 > 0 && $0 < 1e-3 } == true)
        #expect((bayesian["credibleInterval"] as? [Double])?.count == 2)
        let best = variants.dropFirst().compactMap { ($0["bayesian"] as? [String: Any])?["chanceToBeBest"] as? Double }
        #expect(best.count == 2 && best.reduce(0, +) <= 1)
    }

    @Test("a guardrail breach exits 1 and names the guardrail")
    func blocked() throws {
        let output = gate("welcome-message-timing.guardrail-breach.summary.json")
        #expect(output.exitCode == .blocked)
        #expect(output.standardOutput.contains("Decision: BLOCK"))
        #expect(output.standardOutput.contains("unsubscribed: one-hour is up 100.18%"))
    }

    @Test("too few units exits 2, or 0 with --inconclusive-ok")
    func inconclusive() {
        let output = gate("welcome-message-timing.day-two.summary.json")
        #expect(output.exitCode == .inconclusive)
        #expect(output.standardOutput.contains("units: one-hour has 391 < 1,000 required per variant"))
        #expect(output.standardOutput.contains("no ship rule met yet: activated_7d: one-hour beats immediate with probability 0.766 < 0.95"))
        #expect(gate("welcome-message-timing.day-two.summary.json", inconclusiveOK: true).exitCode == .success)
    }

    @Test("JUnit report has one test case per rule, GitHub gets a summary and annotations")
    func reports() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let junit = directory.appendingPathComponent("gate.xml").path
        let summary = directory.appendingPathComponent("step-summary.md").path
        try Data("# Earlier step\n".utf8).write(to: URL(fileURLWithPath: summary))
        let output = gate("welcome-message-timing.guardrail-breach.summary.json", junit: junit, stepSummary: summary)
        #expect(output.exitCode == .blocked)
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains(#"<testcase classname="welcome-message-timing" name="guardrail:unsubscribed">"#))
        #expect(xml.contains(#"failures="1""#))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 4)
        let markdown = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(markdown.hasPrefix("# Earlier step\n"))
        #expect(markdown.contains("**Decision: block**"))
        #expect(output.standardOutput.contains("::error title=abkit gate: guardrail:unsubscribed::unsubscribed: one-hour is up 100.18%25"))
    }

    @Test("the JSON result carries the decision")
    func json() throws {
        let output = gate("welcome-message-timing.guardrail-breach.summary.json", format: .json)
        let root = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let decision = try #require(root["decision"] as? [String: Any])
        #expect(decision["verdict"] as? String == "block")
        #expect((decision["reasons"] as? [String])?.count == 4)
    }

    @Test("usage and input errors exit 64, 65 and 66")
    func errors() throws {
        let noExperiment = GateRunner(analysis: AnalyzeRunner(input: .summary(path: RepositoryPaths.experiments("summaries/welcome-message-timing.summary.json")))).run()
        #expect(noExperiment.exitCode == .usage)
        let wrongExperiment = GateRunner(analysis: AnalyzeRunner(
            experimentPath: experiment, input: .summary(path: RepositoryPaths.experiments("summaries/onboarding-checklist.summary.json")))).run()
        #expect(wrongExperiment.exitCode == .dataError)
        #expect(wrongExperiment.standardError.contains("experiment: is 'onboarding-checklist', but the experiment file is for 'welcome-message-timing'"))
        let missing = GateRunner(analysis: AnalyzeRunner(experimentPath: "/nonexistent/experiment.json", input: .summary(path: "x"))).run()
        #expect(missing.exitCode == .noInput)
    }
}
