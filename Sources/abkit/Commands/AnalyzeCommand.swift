import ABCommandLine
import ABKit
import ArgumentParser
import Foundation

/// `abkit analyze`: compare every variant with control on every metric.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze an experiment: lifts, intervals, p-values, chance to beat control, SRM.",
        discussion: """
            Reads per-variant sufficient statistics from a summary file (see docs/summary-file.md) and prints \
            one table per metric. With --experiment, the file's analysis settings and decision rules \
            apply and the verdict is shown. Exit codes: 0 success, 64 bad usage, 65 bad data, 66 missing input.
            """
    )

    @OptionGroup var data: InputOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var statistics: StatisticsOptions

    func validate() throws {
        guard !structureOnly else { return }
        _ = try data.input(resolve: false)
        // Checked here too, so a bad value prints with this command's usage line, not the root's.
        _ = try report.parsedFormat()
        _ = try statistics.overrides()
    }

    func run() throws {
        guard let input = try resolvedInput(data) else { return }
        let runner = AnalyzeRunner(
            experimentPath: data.experiment, input: input, format: try report.parsedFormat(),
            overrides: try statistics.overrides(), useColor: report.useColor)
        try emit(runner.run())
    }
}
