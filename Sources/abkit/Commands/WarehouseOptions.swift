import ABCommandLine
import ABSummary
import ABKit
import ABPostgres
import ABWarehouse
import ArgumentParser

/// The events table the warehouse-native commands read.
struct TableOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The events table (schema.table allowed).", valueName: "table"))
    var eventsTable: String?

    @Option(name: .long, help: ArgumentHelp("A table of assignments (id, experiment, variant) for exposures logged without a variant.", valueName: "table"))
    var assignmentsTable: String?

    @Option(name: .long, help: ArgumentHelp("The JSON column of the other event properties, or 'none' when each is a column.", valueName: "column"))
    var propertiesColumn: String = "properties"

    func table() -> WarehouseTable? {
        eventsTable.map {
            WarehouseTable(events: $0, properties: propertiesColumn == "none" ? nil : propertiesColumn, assignments: assignmentsTable)
        }
    }
}

/// A warehouse (PostgreSQL or Spark) whose events table the experiment's metrics are computed in.
struct WarehouseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Compute the metrics in the warehouse: postgres://USER@HOST:PORT/DB (password from PGPASSWORD or ~/.pgpass) or Spark Connect sc://HOST:PORT.",
        valueName: "url"))
    var warehouse: String?

    @OptionGroup var tables: TableOptions

    /// The warehouse source, or nil without --warehouse.
    func source() throws -> WarehouseSource? {
        guard let warehouse else {
            if tables.eventsTable != nil { throw ValidationError("--events-table needs --warehouse URL.") }
            return nil
        }
        guard let table = tables.table() else { throw ValidationError("--warehouse needs --events-table TABLE.") }
        return WarehouseSource(url: warehouse, table: table)
    }

    /// The summary the warehouse computes for the experiment file at `experiment`.
    func summary(_ source: WarehouseSource, experiment: String, data: CollectionOptions) throws -> SummaryFile {
        var source = source
        source.asOf = data.asOf
        return try source.summary(for: try ExperimentFile.load(experiment), progress: data.showsProgress)
    }
}
