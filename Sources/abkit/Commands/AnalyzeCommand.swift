import ABKit
import ArgumentParser
import Foundation

/// `abkit analyze`: compare every variant with control on every metric.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze an experiment: lifts, intervals, p-values, chance to beat control, SRM.",
        discussion: """
            Reads per-variant sufficient statistics from a summary file (see DESIGN.md) and prints \
            one table per metric. Exit codes: 0 success, 64 bad usage, 65 bad data, 66 missing input.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Summary file of per-variant sufficient statistics ('-' for stdin).", valueName: "file"))
    var summary: String?

    @OptionGroup var report: ReportOptions
    @OptionGroup var statistics: StatisticsOptions

    func validate() throws {
        guard summary != nil else { throw ValidationError("Give the data to analyze with --summary FILE.") }
    }

    func run() throws {
        let runner = AnalyzeRunner(
            input: .summary(path: summary!), format: try report.parsedFormat(),
            options: try statistics.analysisOptions(), useColor: report.useColor)
        try emit(runner.run())
    }
}
