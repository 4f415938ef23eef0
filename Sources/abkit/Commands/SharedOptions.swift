import ABCommandLine
import ABEvents
import ABKit
import ABSQLite
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
        do { return try OptionParsing.format(format) } catch let error as ABKitError { throw ValidationError(error.commandLineDescription) }
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

    @Flag(name: .long, help: "Always-valid intervals and p-values, safe to peek at (decisions use them); needs --planned-units or the file's plannedUnitsPerVariant.")
    var sequential = false

    @Option(name: .long, help: ArgumentHelp("Units per variant the always-valid interval is tuned for.", valueName: "n"))
    var plannedUnits: Int?

    @Option(name: .long, help: ArgumentHelp("Group-sequential design: planned equally spaced looks.", valueName: "n"))
    var looks: Int?

    @Option(name: .long, help: ArgumentHelp("Group-sequential design: which look this is (1-based).", valueName: "k"))
    var look: Int?

    @Option(name: .long, help: ArgumentHelp("Group-sequential alpha spending: obrien-fleming (default) or pocock.", valueName: "function"))
    var spending: String?

    @Flag(name: .long, help: "Decide on the CUPED-adjusted comparison where the data carry covariates.")
    var cuped = false

    func overrides() throws -> AnalysisOverrides {
        do {
            let overrides = AnalysisOverrides(
                alpha: alpha, correction: try correction.map(OptionParsing.correction),
                correctionScope: try correctionScope.map(OptionParsing.correctionScope),
                prior: try prior.map(OptionParsing.prior), alternative: oneSided ? .greater : nil,
                sequentialMethod: sequential ? .alwaysValid : nil, plannedUnitsPerVariant: plannedUnits,
                looks: looks, look: look, spending: try spending.map(OptionParsing.spending), cuped: cuped ? true : nil)
            if sequential, looks != nil || look != nil || spending != nil {
                throw ABKitError.usage("--sequential is the always-valid method; --looks, --look and --spending set up a group-sequential one: give one or the other")
            }
            // Sequential settings may be completed by the experiment file, so only the rest is checked here.
            var plain = overrides.applied(to: AnalysisOptions())
            plain.sequential = nil
            try plain.validate()
            return overrides
        } catch let error as ABKitError {
            throw ValidationError(error.commandLineDescription)
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
            return .prepared(try warehouse.summary(source, experiment: experiment, data: data), source: source.url)
        }
        switch (summary, collection) {
        case (let summary?, nil):
            if data.asOf != nil { throw ValidationError("--as-of sets when the data end, for --events, --users or --warehouse; a summary file is already counted.") }
            return .summary(path: summary)
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

    @Option(name: .long, help: ArgumentHelp("SQLite database to read rows from, with --table or --query.", valueName: "file"))
    var sqlite: String?

    @Option(name: .long, help: ArgumentHelp("The SQLite table to read.", valueName: "name"))
    var table: String?

    @Option(name: .long, help: ArgumentHelp("A SELECT whose rows are read instead of a table.", valueName: "sql"))
    var query: String?

    @Option(name: .long, help: ArgumentHelp("What the SQLite rows are: events (default) or users (one row per unit).", valueName: "events|users"))
    var sqliteRows: String = "events"

    @Flag(name: .long, help: "Draw no progress line on standard error (it is drawn only on a terminal, for runs over half a second).")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp(
        "End of observation (ISO 8601, e.g. 2026-11-16T00:00:00Z) instead of the latest event: windowed metrics count only units whose window has closed by then (overrides analysis.asOf).",
        valueName: "time"))
    var asOf: String?

    /// Whether a long read or query shows its progress: on a terminal, without --quiet.
    var showsProgress: Bool { ProgressMeter.wanted(quiet: quiet) }

    func collection() throws -> DataCollection? {
        var sources: [SQLiteRows] = []
        if let sqlite {
            switch (table, query) {
            case (let table?, nil): sources.append(SQLiteRows(path: sqlite, table: table))
            case (nil, let query?): sources.append(SQLiteRows(path: sqlite, query: query))
            default: throw ValidationError("--sqlite needs exactly one of --table NAME or --query SQL.")
            }
        } else if table != nil || query != nil {
            throw ValidationError("--table and --query go with --sqlite FILE.")
        }
        guard ["events", "users"].contains(sqliteRows) else { throw ValidationError("--sqlite-rows is events or users, not '\(sqliteRows)'.") }
        let sqliteKind: DataCollection.Kind? = sources.isEmpty ? nil : (sqliteRows == "users" ? .users : .events)
        switch (events.isEmpty, users.isEmpty, sqliteKind) {
        case (true, true, nil): return nil
        case (false, false, _): throw ValidationError("Give --events or --users, not both.")
        case (false, true, .users?), (true, false, .events?):
            throw ValidationError("--sqlite-rows \(sqliteRows) does not match the other inputs' kind.")
        case (true, false, _):
            var collection = DataCollection(kind: .users, paths: users, rejectsPath: rejects, strict: strict, sqlite: sources)
            collection.progressLabel = showsProgress ? "reading users" : nil
            collection.asOf = asOf
            return collection
        default:
            var collection = DataCollection(kind: sqliteKind ?? .events, paths: events, rejectsPath: rejects, strict: strict, sqlite: sources)
            collection.progressLabel = showsProgress ? "reading events" : nil
            collection.asOf = asOf
            return collection
        }
    }
}

/// The metric and lift of a planned experiment, shared by `abkit power` and `abkit plan`.
struct PlannedEffectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Control's conversion rate, in (0, 1).", valueName: "rate"))
    var baseline: Double?

    @Option(name: .long, help: "Control's mean (for a mean metric; needs --sd).")
    var mean: Double?

    @Option(name: .long, help: "Per-unit standard deviation (for a mean metric).")
    var sd: Double?

    @Option(name: .long, help: "Lift as variant − control (0.01 is one point for a rate).")
    var absoluteLift: Double?

    @Option(name: .long, help: "Lift as variant / control − 1 (0.05 is +5%; abkit plan defaults to the file's plannedRelativeEffect).")
    var relativeLift: Double?

    @Option(name: .long, help: "Target power.")
    var power: Double = 0.8
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
    do { return try body() } catch let error as ABKitError { throw ValidationError(error.commandLineDescription) }
}

/// Prints a command's output and exits with its code.
func emit(_ output: CommandOutput) throws {
    if !output.standardOutput.isEmpty { FileHandle.standardOutput.write(Data(output.standardOutput.utf8)) }
    if !output.standardError.isEmpty { FileHandle.standardError.write(Data(output.standardError.utf8)) }
    if output.exitCode != .success { throw ExitCode(output.exitCode.rawValue) }
}

/// Daily traffic for `abkit power` and `abkit plan`: turns units into days.
struct TrafficFlags: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Eligible units per day: the answer adds how many days the experiment needs.", valueName: "units"))
    var dailyUnits: Double?

    @Option(name: .long, help: ArgumentHelp("Share of eligible units that enters the experiment, in (0, 1] (needs --daily-units).", valueName: "share"))
    var trafficShare: Double?

    @Option(name: .long, help: ArgumentHelp("Planned run length: adds the minimum detectable effect after these days (needs --daily-units).", valueName: "days"))
    var days: Int?

    /// The traffic, or nil without --daily-units; a usage error when a dependent flag comes alone.
    func traffic() throws -> TrafficOptions? {
        guard let dailyUnits else {
            if trafficShare != nil || days != nil {
                throw ABKitError.usage("--traffic-share and --days need --daily-units, the eligible units per day")
            }
            return nil
        }
        return TrafficOptions(dailyUnits: dailyUnits, trafficShare: trafficShare ?? 1, days: days)
    }
}
