import ABCommandLine
import ABKit
import ArgumentParser

/// `abkit plan`: units per variant for the planned effect and the group-sequential boundaries.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Units per variant for the planned effect, and group-sequential boundaries per look.",
        discussion: """
            With --experiment, the planned effect is the file's decision.plannedRelativeEffect, alpha and the \
            number of variants are the file's, and looks and spending come from analysis.sequential when it is a \
            group design; flags override them. The primary metric's baseline is a flag: --baseline for a rate, \
            --mean and --sd for a mean. Units follow abkit power (statsmodels' NormalIndPower).
            """
    )

    @Option(name: .long, help: ArgumentHelp("Experiment file.", valueName: "file"))
    var experiment: String?

    @OptionGroup var effect: PlannedEffectOptions

    @OptionGroup var traffic: TrafficFlags

    @Option(name: .long, help: "Significance level (default: the file's, else 0.05).")
    var alpha: Double?

    @Option(name: .long, help: "Planned equally spaced looks (default: the file's group design, else 5).")
    var looks: Int?

    @Option(name: .long, help: ArgumentHelp("Alpha spending: obrien-fleming (default) or pocock.", valueName: "function"))
    var spending: String?

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: String = "text"

    func options() throws -> PlanOptions {
        try validatingFlags {
            PlanOptions(
                experimentPath: experiment, baseline: effect.baseline, mean: effect.mean, standardDeviation: effect.sd,
                relativeLift: effect.relativeLift, absoluteLift: effect.absoluteLift, alpha: alpha, power: effect.power, looks: looks,
                spending: try spending.map(OptionParsing.spending), format: try OptionParsing.format(format), traffic: try traffic.traffic())
        }
    }

    func validate() throws {
        guard !structureOnly else { return }
        _ = try options()
    }

    func run() throws {
        try emit(PlanRunner(options: try options()).run())
    }
}
