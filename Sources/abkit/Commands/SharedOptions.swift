import ABKit
import ABStats
import ArgumentParser
import Foundation

/// Output options shared by the reporting commands.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format: text, json, markdown or html.", valueName: "format"))
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

/// Statistical options shared by the analysis commands; each overrides the experiment file.
struct StatisticsOptions: ParsableArguments {
    @Option(name: .long, help: "Significance level; intervals are at 1 − alpha (default 0.05, or the experiment file's).")
    var alpha: Double?

    @Option(name: .long, help: ArgumentHelp("Multiple-comparison correction: bonferroni, holm, bh or none (default holm).", valueName: "method"))
    var correction: String?

    @Option(name: .long, help: ArgumentHelp("Correct p-values over the whole analysis or metric by metric (default analysis).", valueName: "analysis|metric"))
    var correctionScope: String?

    @Option(name: .long, help: ArgumentHelp("Beta prior of conversion rates (default 1,1).", valueName: "a,b"))
    var prior: String?

    @Flag(name: .long, help: "One-sided tests: the variant is better than control (larger).")
    var oneSided = false

    func overrides() throws -> AnalysisOverrides {
        do {
            let overrides = AnalysisOverrides(
                alpha: alpha, correction: try correction.map(OptionParsing.correction),
                correctionScope: try correctionScope.map(OptionParsing.correctionScope),
                prior: try prior.map(OptionParsing.prior), alternative: oneSided ? .greater : nil)
            try overrides.applied(to: AnalysisOptions()).validate()
            return overrides
        } catch let error as ABKitError {
            throw ValidationError(error.localizedDescription)
        }
    }
}

/// The data an analysis reads: a summary file, event logs or user tables.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Experiment file; its metrics, analysis and decision sections apply.", valueName: "file"))
    var experiment: String?

    @Option(name: .long, help: ArgumentHelp("Summary file of per-variant sufficient statistics ('-' for stdin).", valueName: "file"))
    var summary: String?

    @OptionGroup var data: CollectionOptions

    @OptionGroup var warehouse: WarehouseOptions

    /// The input; with `resolve`, a warehouse is queried now (so `validate()` passes false).
    func input(resolve: Bool = true) throws -> AnalyzeRunner.Input {
        let collection = try data.collection()
        if let source = try warehouse.source() {
            guard summary == nil, collection == nil else { throw ValidationError("Give one kind of data: --summary, --events, --users or --warehouse.") }
            guard let experiment else { throw ValidationError("--warehouse needs --experiment FILE: its metrics say what to compute.") }
            guard resolve else { return .summary(path: "-") }
            return .prepared(try warehouse.summary(source, experiment: experiment), source: source.url)
        }
        switch (summary, collection) {
        case (let summary?, nil): return .summary(path: summary)
        case (nil, let collection?):
            if experiment == nil { throw ValidationError("--\(collection.kind.rawValue) needs --experiment FILE: its metrics say what to compute.") }
            return .collection(collection)
        case (nil, nil): throw ValidationError("Give the data with --summary FILE, --events FILE..., --users FILE or --warehouse URL (with --experiment).")
        case (_?, _?): throw ValidationError("Give one kind of data: --summary, --events or --users.")
        }
    }
}

/// Event logs or user tables to collect, with their rejects file.
struct CollectionOptions: ParsableArguments {
    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Event log, JSONL or CSV, gzip or not ('-' for stdin); repeat for several.", valueName: "file"))
    var events: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("User table (one row per unit), CSV or JSONL; repeat for several.", valueName: "file"))
    var users: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write rejected lines here as JSON lines (file, line, reason, field, raw).", valueName: "file"))
    var rejects: String?

    @Flag(name: .long, help: "Exit with 65 if any input line is rejected.")
    var strict = false

    func collection() throws -> DataCollection? {
        switch (events.isEmpty, users.isEmpty) {
        case (true, true): return nil
        case (false, false): throw ValidationError("Give --events or --users, not both.")
        case (false, true): return DataCollection(kind: .events, paths: events, rejectsPath: rejects, strict: strict)
        case (true, false): return DataCollection(kind: .users, paths: users, rejectsPath: rejects, strict: strict)
        }
    }
}

/// The command's input, or the output of its failure (a warehouse that cannot be read).
func resolvedInput(_ data: InputOptions) throws -> AnalyzeRunner.Input? {
    do { return try data.input() } catch let error as ABKitError {
        try emit(.failure(error))
        return nil
    }
}

/// Runs `body`, turning an `ABKitError` (a bad flag value) into ArgumentParser's `ValidationError`
/// so that it prints with the usage line and exits 64.
func validatingFlags<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ABKitError { throw ValidationError(error.localizedDescription) }
}

/// Prints a command's output and exits with its code.
func emit(_ output: CommandOutput) throws {
    if !output.standardOutput.isEmpty { FileHandle.standardOutput.write(Data(output.standardOutput.utf8)) }
    if !output.standardError.isEmpty { FileHandle.standardError.write(Data(output.standardError.utf8)) }
    if output.exitCode != .success { throw ExitCode(output.exitCode.rawValue) }
}
