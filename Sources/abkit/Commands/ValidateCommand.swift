import ABCommandLine
import ABEvents
import ABKit
import ArgumentParser

/// `abkit validate`: argument parsing only; the work is `ValidateRunner` in ABKit.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check experiment files; exit 65 listing every problem, 66 for a missing file.")

    @Argument(help: "Experiment files to check.")
    var files: [String]

    func run() throws {
        let code = ValidateRunner.run(files: files, stdout: OutputFile(descriptor: 1, name: "standard output"), stderr: OutputFile(descriptor: 2, name: "standard error"))
        if code != 0 { throw ExitCode(code) }
    }
}
