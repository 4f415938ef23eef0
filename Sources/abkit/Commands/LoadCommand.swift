import ABCommandLine
import ABEvents
import ABKit
import ABPostgres
import ArgumentParser

/// `abkit load`: event files into a warehouse table (PostgreSQL or Spark).
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Bulk-load JSONL or CSV event files into a PostgreSQL (COPY) or Spark events table.",
        discussion: """
            Lines are rejected by the collector's rules (and, with --experiment, its value and variant \
            rules), repeated event ids dropped, and the rest copied in one transaction into TABLE \
            (created when missing: user_id, event, timestamp, event_id, experiment, variant, properties \
            jsonb). The password comes from PGPASSWORD or ~/.pgpass. Exit codes: 0, 64 usage, 65 bad data \
            (with --strict: any rejected line, and nothing is loaded), 66 missing input or unreachable server.
            """)

    @Option(name: .long, help: ArgumentHelp("postgres://USER@HOST:PORT/DB or sc://HOST:PORT", valueName: "url"))
    var warehouse: String

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Event log, JSONL or CSV, gzip or not ('-' for stdin); repeat for several.", valueName: "file"))
    var events: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Assignments CSV (abkit assign --format csv), loaded as text columns, for --assignments-table.", valueName: "file"))
    var assignments: [String] = []

    @Option(name: .long, help: ArgumentHelp("The table to load into (default events, or assignments with --assignments).", valueName: "table"))
    var table: String?

    @Option(name: .long, help: ArgumentHelp("Experiment file whose field names, value properties and variants also apply.", valueName: "file"))
    var experiment: String?

    @Option(name: .long, help: ArgumentHelp("Write rejected lines here as JSON lines.", valueName: "file"))
    var rejects: String?

    @Flag(name: .long, help: "Load nothing and exit 65 if any line is rejected.")
    var strict = false

    @Flag(name: .long, help: "Draw no progress line on standard error (it is drawn only on a terminal).")
    var quiet = false

    func validate() throws {
        guard !structureOnly else { return }
        if events.isEmpty == assignments.isEmpty { throw ValidationError("abkit load needs --events FILE... or --assignments FILE..., not both.") }
    }

    func run() throws {
        let isAssignments = !assignments.isEmpty
        var runner = LoadRunner(
            url: warehouse, paths: isAssignments ? assignments : events, table: table ?? (isAssignments ? "assignments" : "events"),
            experimentPath: experiment, rejectsPath: rejects, strict: strict, assignments: isAssignments)
        runner.showsProgress = ProgressMeter.wanted(quiet: quiet)
        try emit(runner.run())
    }
}
