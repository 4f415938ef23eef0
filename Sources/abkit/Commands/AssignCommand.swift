import ABCommandLine
import ABEvents
import ABKit
import ArgumentParser

extension AssignmentRecordWriter.Format: ExpressibleByArgument {}

/// `abkit assign`: argument parsing only; the work is `AssignRunner` in ABKit.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign users to experiment variants, GrowthBook-compatibly.",
        discussion: """
            One user: abkit assign --experiment FILE --user ID [--attributes JSON]
            A stream: abkit assign --experiment FILE [--experiment FILE2 ...] --input users.jsonl|- [--output FILE]
            Input lines are {"id": ..., "attributes": {...}, "exposedAt": "..."} or plain ids; malformed lines go to --rejects.
            Sticky bucketing: --sticky-store buckets.json (or buckets.sqlite) keeps each user's first variant.
            Send times: with a message delay or sendAt, give --exposed-at (or exposedAt per line); records carry sendAt (UTC).
            A holdout drawn again per period ("period": "quarter") uses the same exposure time (else the time of the run).
            A GrowthBook payload: abkit assign --growthbook-payload features.json --feature KEY --input users.jsonl
            """)

    @Option(name: .customLong("experiment"), help: "An experiment file (repeat for several).")
    var experiments: [String] = []

    @Option(help: "The id of a single user to assign.")
    var user: String?

    @Option(help: "The single user's attributes, a JSON object.")
    var attributes: String?

    @Option(help: "A JSONL or plain-id file of users, or - for standard input.")
    var input: String?

    @Option(help: "Where to write records (default: standard output).")
    var output: String?

    @Option(help: "Output format: json (JSON lines) or csv.")
    var format: AssignmentRecordWriter.Format = .json

    @Option(help: "Where to write malformed input lines (file, line, reason, raw).")
    var rejects: String?

    @Flag(help: "Exit with 65 if any input line is rejected.")
    var strict = false

    @Option(help: "A sticky-bucket store: a JSON file, SQLite for a .sqlite/.db suffix, or a postgres:// URL (table abkit_sticky_buckets); created when missing.")
    var stickyStore: String?

    @Option(help: "When users were exposed (ISO 8601, e.g. 2026-03-01T08:30:00Z); needed when a message has delay or sendAt.")
    var exposedAt: String?

    @Option(help: "A GrowthBook SDK payload (features JSON); evaluate --feature instead of experiment files.")
    var growthbookPayload: String?

    @Option(help: "The payload feature to evaluate for each user.")
    var feature: String?

    func validate() throws {
        guard !structureOnly else { return }
        if experiments.isEmpty, growthbookPayload == nil {
            throw ValidationError("Give at least one --experiment FILE, or --growthbook-payload FILE --feature KEY.")
        }
        if !experiments.isEmpty, growthbookPayload != nil { throw ValidationError("Give either --experiment or --growthbook-payload, not both.") }
        if (growthbookPayload == nil) != (feature == nil) { throw ValidationError("--growthbook-payload and --feature go together.") }
        if (user == nil) == (input == nil) { throw ValidationError("Give either --user ID or --input FILE|-.") }
        if attributes != nil, user == nil { throw ValidationError("--attributes goes with --user; stream attributes in --input lines.") }
    }

    func run() throws {
        let options = AssignOptions(
            experimentFiles: experiments, user: user, attributes: attributes, input: input, output: output,
            format: format, rejects: rejects, strict: strict, stickyStore: stickyStore, exposedAt: exposedAt,
            growthBookPayload: growthbookPayload, feature: feature)
        let code = AssignRunner.run(
            options, stdin: FileInput(descriptor: 0), stdout: OutputFile(descriptor: 1, name: "standard output"), stderr: OutputFile(descriptor: 2, name: "standard error"))
        if code != 0 { throw ExitCode(code) }
    }
}
