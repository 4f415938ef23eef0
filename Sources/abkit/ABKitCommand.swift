import ABKit
import ArgumentParser

/// The `abkit` command: experiments defined in JSON, analyzed and gated from the command line.
@main
struct ABKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abkit",
        abstract: "Assign, analyze and gate product experiments.",
        version: ABKitVersion.current,
        subcommands: [
            AnalyzeCommand.self, AggregateCommand.self, GateCommand.self, PowerCommand.self, PlanCommand.self, SimulateCommand.self,
            AssignCommand.self, ValidateCommand.self, BanditCommand.self, SQLCommand.self, LoadCommand.self,
        ]
    )
}
