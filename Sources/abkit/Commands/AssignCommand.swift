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
            Input lines are {"id": ..., "attributes": {...}} or plain ids; malformed lines go to --rejects.
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

    func validate() throws {
        guard !structureOnly else { return }
        if experiments.isEmpty { throw ValidationError("Give at least one --experiment FILE.") }
        if (user == nil) == (input == nil) { throw ValidationError("Give either --user ID or --input FILE|-.") }
        if attributes != nil, user == nil { throw ValidationError("--attributes goes with --user; stream attributes in --input lines.") }
    }

    func run() throws {
        let options = AssignOptions(
            experimentFiles: experiments, user: user, attributes: attributes, input: input, output: output,
            format: format, rejects: rejects, strict: strict)
        let code = AssignRunner.run(
            options, stdin: FileInput(descriptor: 0), stdout: OutputFile(descriptor: 1, name: "standard output"), stderr: OutputFile(descriptor: 2, name: "standard error"))
        if code != 0 { throw ExitCode(code) }
    }
}
