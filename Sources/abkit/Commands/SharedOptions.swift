import ABKit
import ABStats
import ArgumentParser
import Foundation

/// Output options shared by the reporting commands.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format: text, json or markdown.", valueName: "format"))
    var format: String = "text"

    @Flag(name: .long, help: "Never colour the text output (colour is used only on a terminal; NO_COLOR is honoured).")
    var noColor = false

    func parsedFormat() throws -> ReportFormat {
        do { return try OptionParsing.format(format) } catch let error as ABKitError { throw ValidationError(error.localizedDescription) }
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }
}

/// Statistical options shared by the analysis commands.
struct StatisticsOptions: ParsableArguments {
    @Option(name: .long, help: "Significance level; intervals are at 1 − alpha.")
    var alpha: Double = 0.05

    @Option(name: .long, help: ArgumentHelp("Multiple-comparison correction: bonferroni, holm, bh or none.", valueName: "method"))
    var correction: String = "holm"

    @Option(name: .long, help: ArgumentHelp("Correct p-values over the whole analysis or metric by metric.", valueName: "analysis|metric"))
    var correctionScope: String = "analysis"

    @Option(name: .long, help: ArgumentHelp("Beta prior of conversion rates.", valueName: "a,b"))
    var prior: String = "1,1"

    @Flag(name: .long, help: "One-sided tests: the variant is better than control (larger).")
    var oneSided = false

    func analysisOptions() throws -> AnalysisOptions {
        do {
            let (a, b) = try OptionParsing.prior(prior)
            let options = AnalysisOptions(
                alpha: alpha, correction: try OptionParsing.correction(correction), priorAlpha: a, priorBeta: b,
                alternative: oneSided ? .greater : .twoSided,
                correctionScope: try OptionParsing.correctionScope(correctionScope))
            try options.validate()
            return options
        } catch let error as ABKitError {
            throw ValidationError(error.localizedDescription)
        }
    }
}

/// Prints a command's output and exits with its code.
func emit(_ output: CommandOutput) throws {
    if !output.standardOutput.isEmpty { FileHandle.standardOutput.write(Data(output.standardOutput.utf8)) }
    if !output.standardError.isEmpty { FileHandle.standardError.write(Data(output.standardError.utf8)) }
    if output.exitCode != .success { throw ExitCode(output.exitCode.rawValue) }
}
