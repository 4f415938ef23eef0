import ABSummary
import ABKit
import ABEvents
import Foundation

/// `abkit gate`: the decision as an exit code, for CI pipelines that guard a rollout.
///
/// 0 ship (the rollout may proceed), 1 blocked, 2 inconclusive (0 with `inconclusiveIsSuccess`);
/// 64, 65, 66 for usage, data and missing-input errors.
package struct GateRunner: Sendable {
    /// The analysis to run; it must name an experiment file.
    package var analysis: AnalyzeRunner
    /// Where to write a JUnit XML report, if anywhere.
    package var junitPath: String?
    /// A GitHub Actions job summary file (`GITHUB_STEP_SUMMARY`) to append a Markdown report to.
    package var stepSummaryPath: String?
    /// Whether to print `::error::` and `::warning::` workflow annotations.
    package var githubAnnotations: Bool
    /// Treat inconclusive as success (for pipelines that block only on harm).
    package var inconclusiveIsSuccess: Bool

    /// Creates a runner.
    package init(analysis: AnalyzeRunner, junitPath: String? = nil, stepSummaryPath: String? = nil,
                githubAnnotations: Bool = false, inconclusiveIsSuccess: Bool = false) {
        self.analysis = analysis
        self.junitPath = junitPath
        self.stepSummaryPath = stepSummaryPath
        self.githubAnnotations = githubAnnotations
        self.inconclusiveIsSuccess = inconclusiveIsSuccess
    }

    /// Creates a runner configured from the environment: GitHub Actions sets `GITHUB_STEP_SUMMARY`
    /// and `GITHUB_ACTIONS`.
    package static func fromEnvironment(
        analysis: AnalyzeRunner, junitPath: String?, inconclusiveIsSuccess: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> GateRunner {
        GateRunner(analysis: analysis, junitPath: junitPath, stepSummaryPath: environment["GITHUB_STEP_SUMMARY"],
                   githubAnnotations: environment["GITHUB_ACTIONS"] == "true" || environment["GITHUB_STEP_SUMMARY"] != nil,
                   inconclusiveIsSuccess: inconclusiveIsSuccess)
    }

    /// Runs the gate.
    package func run() -> CommandOutput {
        guard analysis.experimentPath != nil else {
            return .failure(ABKitError.usage("abkit gate needs --experiment FILE: the decision rules live in the experiment file"))
        }
        do {
            let result = try analysis.analyze()
            guard let decision = result.decision else {
                throw ABKitError.usage("the experiment file defines no decision")
            }
            var output = CommandOutput(standardOutput: try analysis.render(result))
            if githubAnnotations { output.standardOutput += annotations(decision) }
            if let junitPath { try write(JUnitReport().render(result), to: junitPath, append: false) }
            if let stepSummaryPath, !stepSummaryPath.isEmpty { try write(MarkdownReport().render(result) + "\n", to: stepSummaryPath, append: true) }
            output.exitCode = exitCode(for: decision.verdict)
            return output
        } catch {
            return .failure(error)
        }
    }

    private func exitCode(for verdict: Verdict) -> ABKitExitCode {
        switch verdict {
        case .ship: return .success
        case .block: return .blocked
        case .inconclusive: return inconclusiveIsSuccess ? .success : .inconclusive
        }
    }

    /// One workflow command per blocking (error) or pending (warning) rule.
    private func annotations(_ decision: DecisionResult) -> String {
        let lines = (decision.rules ?? []).compactMap { rule -> String? in
            let message = rule.message.replacingOccurrences(of: "%", with: "%25")
                .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
            switch rule.status {
            case .blocked: return "::error title=abkit gate: \(rule.rule)::\(message)"
            case .pending: return "::warning title=abkit gate: \(rule.rule)::\(message)"
            case .passed, .skipped: return nil
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    private func write(_ text: String, to path: String, append: Bool) throws {
        do { try OutputFile.write(text.utf8, to: path, strategy: append ? .append : .replace) } catch {
            throw ABKitError(error)
        }
    }
}
