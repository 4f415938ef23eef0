import ABCommandLine
import ABEvents
import ArgumentParser

/// `abkit import-growthbook`: argument parsing only; the work is `ImportGrowthBookRunner`.
struct ImportGrowthBookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-growthbook",
        abstract: "Turn a GrowthBook SDK payload's experiment rules into ABKit experiment files.",
        discussion: "Writes DIR/<experiment key>.json per rule; rules an experiment file cannot reproduce are listed on standard error with the reason.")

    @Argument(help: "The GrowthBook SDK payload (features JSON).")
    var payload: String

    @Option(help: "The directory to write experiment files into (created when missing).")
    var outDir: String

    func run() throws {
        let code = ImportGrowthBookRunner.run(
            payloadPath: payload, outDir: outDir, stdout: OutputFile(descriptor: 1, name: "standard output"),
            stderr: OutputFile(descriptor: 2, name: "standard error"))
        if code != 0 { throw ExitCode(code) }
    }
}
