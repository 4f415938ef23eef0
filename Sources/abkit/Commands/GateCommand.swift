import ABCommandLine
import ABKit
import ArgumentParser
import Foundation

/// `abkit gate`: decide from the experiment's rules and exit with the verdict.
struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Gate a rollout on an experiment's decision rules (exit 0 ship, 1 blocked, 2 inconclusive).",
        discussion: """
            Runs the analysis, applies the experiment file's decision section and guardrails, prints \
            the verdict with one reason per rule, and exits 0 (may proceed), 1 (blocked: guardrail, SRM, \
            drift), 2 (inconclusive: keep running), 64/65/66 for usage, data and missing-input errors. \
            Under GitHub Actions it appends a Markdown report to GITHUB_STEP_SUMMARY and prints \
            ::error:: and ::warning:: annotations.
            """
    )

    @OptionGroup var data: InputOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var statistics: StatisticsOptions

    @Option(name: .long, help: ArgumentHelp("Write a JUnit XML report (one test case per rule).", valueName: "file"))
    var junit: String?

    @Flag(name: .long, help: "Exit 0 instead of 2 when the result is inconclusive (block only on harm).")
    var inconclusiveOk = false

    func validate() throws {
        guard !structureOnly else { return }
        _ = try data.input(resolve: false)
        guard data.experiment != nil else { throw ValidationError("abkit gate needs --experiment FILE with the decision rules.") }
        // Checked here too, so a bad value prints with this command's usage line, not the root's.
        _ = try report.parsedFormat()
        _ = try statistics.overrides()
    }

    func run() throws {
        guard let input = try resolvedInput(data) else { return }
        let analysis = AnalyzeRunner(
            experimentPath: data.experiment, input: input, format: try report.parsedFormat(),
            overrides: try statistics.overrides(), useColor: report.useColor)
        try emit(GateRunner.fromEnvironment(analysis: analysis, junitPath: junit, inconclusiveIsSuccess: inconclusiveOk).run())
    }
}
