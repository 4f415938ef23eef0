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
        let code = ValidateRunner.run(files: files, stdout: FileOutput(descriptor: 1), stderr: FileOutput(descriptor: 2))
        if code != 0 { throw ExitCode(code) }
    }
}
