import ABCommandLine
import ABSummary
import ABKit
import ABPostgres
import ABWarehouse
import ArgumentParser
import Foundation

/// The events table the warehouse-native commands read.
struct TableOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The events table (schema.table allowed).", valueName: "table"))
    var eventsTable: String?

    @Option(name: .long, help: ArgumentHelp("A table of assignments (id, experiment, variant) for exposures logged without a variant.", valueName: "table"))
    var assignmentsTable: String?

    @Option(name: .long, help: ArgumentHelp(
        "Event files Spark reads directly instead of a table (sc:// only): a file, directory or glob the server can read (s3://, abfss://, dbfs:/ on a cluster).",
        valueName: "path"))
    var eventsPath: String?

    @Option(name: .long, help: ArgumentHelp("The format of --events-path: parquet, json (JSON lines) or csv (with a header); by default from its extension.", valueName: "format"))
    var eventsFormat: EventFileFormat?

    @Option(name: .long, help: ArgumentHelp(
        "The JSON column of the other event properties, or 'none' when each is a column (the default with --events-path).", valueName: "column"))
    var propertiesColumn: String?

    /// The events table or files, or nil when neither is given.
    func table() throws -> WarehouseTable? {
        if eventsTable != nil, eventsPath != nil { throw ValidationError("Give --events-table or --events-path, not both.") }
        let properties = propertiesColumn == "none" ? nil : propertiesColumn
        if let eventsPath {
            // A local server reads from its own directory: a relative path that exists here is made absolute.
            var path = eventsPath
            if !path.contains(":"), !path.hasPrefix("/"), FileManager.default.fileExists(atPath: path) {
                path = URL(fileURLWithPath: path).standardizedFileURL.path
            }
            return WarehouseTable(
                events: WarehouseTable.fileView, properties: properties, assignments: assignmentsTable,
                files: EventFiles(path: path, format: try format(of: eventsPath)))
        }
        if eventsFormat != nil { throw ValidationError("--events-format needs --events-path PATH.") }
        return eventsTable.map { WarehouseTable(events: $0, properties: propertiesColumn == nil ? "properties" : properties, assignments: assignmentsTable) }
    }

    /// --events-format, else the format the path's extension names.
    private func format(of path: String) throws -> EventFileFormat {
        if let eventsFormat { return eventsFormat }
        let name = path.lowercased()
        if name.hasSuffix(".parquet") { return .parquet }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".json") || name.hasSuffix(".ndjson") { return .json }
        if name.hasSuffix(".csv") { return .csv }
        throw ValidationError("--events-path \(path): give --events-format parquet, json or csv (the path has no known extension).")
    }
}

extension EventFileFormat: ExpressibleByArgument {}

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
            if tables.eventsPath != nil { throw ValidationError("--events-path needs --warehouse sc://HOST:PORT (Spark reads the files).") }
            return nil
        }
        guard let table = try tables.table() else { throw ValidationError("--warehouse needs --events-table TABLE or --events-path PATH.") }
        return WarehouseSource(url: warehouse, table: table)
    }

    /// The summary the warehouse computes for the experiment file at `experiment`.
    func summary(_ source: WarehouseSource, experiment: String, data: CollectionOptions) throws -> SummaryFile {
        var source = source
        source.asOf = data.asOf
        return try source.summary(for: try ExperimentFile.load(experiment), experimentPath: experiment, progress: data.showsProgress)
    }
}
