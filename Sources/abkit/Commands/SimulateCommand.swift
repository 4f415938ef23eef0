import ABCommandLine
import ABEvents
import ABKit
import ArgumentParser
import Foundation

/// `abkit simulate`: a seeded, realistic event log for an experiment file.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a reproducible event log for an experiment with chosen true effects.",
        discussion: """
            Users sign up over --days with a country, platform and time zone, are assigned exactly as \
            abkit assign would, get a logged exposure event, and then produce the events each metric \
            counts. --effect sets true relative effects; --night-penalty lowers conversion for messages \
            delivered at night local time; --dirty-rate mixes in bad lines. Same seed, same file.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Experiment file.", valueName: "file"))
    var experiment: String

    @Option(name: .long, help: "Users signing up over the run.")
    var users: Int = 10_000

    @Option(name: .long, help: "Days over which they sign up.")
    var days: Int = 14

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Control baseline of a metric (repeatable).", valueName: "metric=value"))
    var baseline: [String] = []

    @Option(name: .long, help: ArgumentHelp("True relative effect (repeatable), e.g. activated_7d:one-hour=+10%.", valueName: "metric:variant=effect"))
    var effect: [String] = []

    @Option(name: .long, help: "Relative conversion drop when a message arrives between 22:00 and 06:59 local time.")
    var nightPenalty: Double = 0

    @Option(name: .long, help: "Share of lines made dirty, in [0, 1).")
    var dirtyRate: Double = 0

    @Option(name: [.short, .long], help: ArgumentHelp("Write the log here instead of standard output.", valueName: "file"))
    var output: String?

    func plan() throws -> SimulationPlan {
        try validatingFlags {
            var plan = SimulationPlan(users: users, days: days, seed: seed, nightPenalty: nightPenalty, dirtyRate: dirtyRate)
            for text in baseline {
                let (metric, value) = try OptionParsing.baseline(text)
                plan.baselines[metric] = value
            }
            for text in effect {
                let (metric, variant, value) = try OptionParsing.effect(text)
                plan.effects[metric, default: [:]][variant] = value
            }
            try plan.validate()
            return plan
        }
    }

    func validate() throws {
        guard !structureOnly else { return }
        _ = try plan()
    }

    @Flag(name: .long, help: "Draw no progress line on standard error (it is drawn only on a terminal).")
    var quiet = false

    func run() throws {
        var runner = SimulateRunner(experimentPath: experiment, plan: try plan(), outputPath: output)
        // Events written to the same terminal would interleave with the progress line.
        runner.showsProgress = ProgressMeter.wanted(quiet: quiet) && (output != nil || isatty(STDOUT_FILENO) == 0)
        try emit(runner.run())
    }
}
