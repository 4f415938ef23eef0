import ABCommandLine
import ABKit
import ArgumentParser

/// `abkit interactions`: whether two concurrent experiments interact on the users they share.
struct InteractionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interactions",
        abstract: "Test whether two concurrent experiments interact on the users exposed to both.",
        discussion: """
            Give the two experiment files and the event log(s) holding both experiments' exposures. For each \
            metric of the first experiment, the units exposed to both are split into cells (arm of the first × \
            arm of the second), and the factorial analysis tests whether the first experiment's effect changes \
            with the second's variant: one contrast per pair of non-control arms (difference in differences, \
            with its interval) and a joint χ² test. Exit codes: 0, 64 usage, 65 bad data, 66 missing input.
            """)

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Experiment file, given twice: the first's metrics are analyzed (rows), the second's variants split them (columns).", valueName: "file"))
    var experiment: [String] = []

    @OptionGroup var data: CollectionOptions

    @Option(name: .long, help: "Significance level of the contrasts' intervals and the joint test.")
    var alpha: Double = 0.05

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: String = "text"

    func validate() throws {
        guard !structureOnly else { return }
        guard experiment.count == 2 else { throw ValidationError("Give --experiment twice: the experiment to analyze, then the concurrent one.") }
        guard let collection = try data.collection(), collection.kind == .events, !collection.paths.isEmpty else {
            throw ValidationError("Give the event log(s) with both experiments' exposures: --events FILE...")
        }
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be in (0, 1), got \(alpha).") }
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json, not '\(format)'.") }
    }

    func run() throws {
        try emit(InteractionsRunner(
            experimentPath: experiment[0], otherPath: experiment[1], collection: try data.collection()!, alpha: alpha,
            format: format == "json" ? .json : .text).run())
    }
}
