import ABCommandLine
import ABKit
import ArgumentParser

/// `abkit power`: units needed, power, or minimum detectable effect (statsmodels' NormalIndPower).
struct PowerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "power",
        abstract: "Units needed, power, or minimum detectable effect of a planned experiment.",
        discussion: """
            Follows statsmodels' NormalIndPower: a two-sample z-test with Cohen's h for rates and \
            d = lift / sd for means. Give a lift to get the units needed; a lift and --units to get the \
            power; only --units to get the minimum detectable effect. --units counts control's units; \
            each other variant has --ratio × units. No multiple-comparison correction is applied.
            """
    )

    @OptionGroup var effect: PlannedEffectOptions

    @OptionGroup var traffic: TrafficFlags

    @Option(name: .long, help: "Significance level.")
    var alpha: Double = 0.05

    @Option(name: .long, help: "Variant units per control unit.")
    var ratio: Double = 1

    @Flag(name: .long, help: "One-sided test for an increase (statsmodels' 'larger').")
    var oneSided = false

    @Option(name: .long, help: "Control units: gives the power with a lift, the minimum detectable effect without.")
    var units: Double?

    @Option(name: .long, help: "Arms including control, for the total.")
    var variants: Int = 2

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: String = "text"

    func options() throws -> PowerOptions {
        try validatingFlags {
            let options = PowerOptions(
                baseline: effect.baseline, mean: effect.mean, standardDeviation: effect.sd, absoluteLift: effect.absoluteLift,
                relativeLift: effect.relativeLift, alpha: alpha, power: effect.power, ratio: ratio, oneSided: oneSided, units: units, variants: variants,
                format: try OptionParsing.format(format), traffic: try traffic.traffic())
            try options.validate()
            return options
        }
    }

    func validate() throws {
        guard !structureOnly else { return }
        _ = try options()
    }

    func run() throws {
        try emit(PowerRunner(options: try options()).run())
    }
}
