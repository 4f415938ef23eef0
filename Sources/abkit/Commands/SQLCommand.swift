import ABCommandLine
import ABKit
import ABWarehouse
import ArgumentParser

/// `abkit sql`: the warehouse query of an experiment, printed.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the SQL that computes an experiment's sufficient statistics in the warehouse.",
        discussion: """
            The query is what `abkit analyze --warehouse` runs, in the --dialect given: one row per metric, \
            dimension value and variant. Values from the experiment file are parameters, listed in a \
            comment; --inline-values writes them in as quoted literals instead, to paste into psql.
            """)

    @Option(name: .long, help: ArgumentHelp("Experiment file whose metrics are computed.", valueName: "file"))
    var experiment: String

    @OptionGroup var tables: TableOptions

    @Option(name: .long, help: "The engine whose SQL dialect is written.")
    var dialect: SQLDialectName = .postgresql

    @Flag(name: .long, help: "Write the values into the SQL as literals instead of $n parameters.")
    var inlineValues = false

    func validate() throws {
        guard !structureOnly else { return }
        guard try tables.table() != nil else { throw ValidationError("abkit sql needs --events-table TABLE or --events-path PATH.") }
    }

    func run() throws {
        try emit(SQLRunner(experimentPath: experiment, table: try tables.table()!, inlineValues: inlineValues, dialect: dialect).run())
    }
}

extension SQLDialectName: ExpressibleByArgument {}
