import ABCommandLine
import ABKit
import ArgumentParser

/// Whether the commands' `validate()` checks only the command line's structure (set for the first pass
/// of ``ABKitCommand/main()``).
///
/// ArgumentParser runs a command's `validate()` before it reports unknown options, so `abkit analyze
/// --bogus` said "Give the data with --summary…" instead of naming `--bogus`. A first pass without
/// these checks lets ArgumentParser name the unknown option; the second pass checks the values.
nonisolated(unsafe) var structureOnly = false

/// The `abkit` command: experiments defined in JSON, analyzed and gated from the command line.
@main
struct ABKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abkit",
        abstract: "Assign, analyze and gate product experiments.",
        version: ABKitVersion.current,
        subcommands: [
            AnalyzeCommand.self, AggregateCommand.self, GateCommand.self, PowerCommand.self, PlanCommand.self, SimulateCommand.self,
            AssignCommand.self, ValidateCommand.self, ImportGrowthBookCommand.self, BanditCommand.self, InteractionsCommand.self, SQLCommand.self, LoadCommand.self,
        ]
    )

    /// Parses twice (structure, then values) with negative numbers attached to their options, and runs.
    static func main() {
        let arguments = CommandLineArguments.attachingNegativeNumbers(Array(CommandLine.arguments.dropFirst()))
        structureOnly = true
        do { _ = try parseAsRoot(arguments) } catch { exit(withError: error) }
        structureOnly = false
        main(arguments)
    }
}
