import ABCommandLine
import ABKit
import ArgumentParser

/// `abkit bandit`: Thompson sampling weights for the next period of an experiment.
struct BanditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bandit",
        abstract: "Recommend next-period variant weights by Thompson sampling on the primary metric.",
        discussion: """
            Each arm's weight is the posterior probability that it is the best on the experiment's \
            primary metric (Beta posteriors for rates, computed exactly), with at least --floor per arm, \
            rounded to 4 decimals that sum to 1. --write replaces the weight numbers in the experiment \
            file and leaves everything else as written. Analyze each period with its own weights.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Minimum weight per arm, between 0 and 1/arms.")
    var floor: Double = BanditRunner.defaultFloor

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: String = "text"

    @Flag(name: .long, help: "Write the weights into the experiment file's variants[].weight.")
    var write = false

    /// The runner; `input` defaults to a placeholder so `validate()` never queries a warehouse.
    func runner(input resolved: AnalyzeRunner.Input? = nil) throws -> BanditRunner {
        guard let experiment = input.experiment else { throw ValidationError("abkit bandit needs --experiment FILE.") }
        let text = format
        let parsed = try validatingFlags { try OptionParsing.format(text) }
        guard parsed == .text || parsed == .json else { throw ValidationError("--format is text or json for abkit bandit.") }
        guard floor.isFinite, floor >= 0, floor < 1 else { throw ValidationError("--floor must be a number in [0, 1) (got \(NumberText.exact(floor))).") }
        return BanditRunner(experimentPath: experiment, input: try resolved ?? input.input(resolve: false), floor: floor, format: parsed, write: write)
    }

    func validate() throws {
        guard !structureOnly else { return }
        _ = try runner()
    }

    func run() throws {
        guard let resolved = try resolvedInput(input) else { return }
        try emit(try runner(input: resolved).run())
    }
}
