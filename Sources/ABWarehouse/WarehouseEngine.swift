import ABEvents
import ABSummary

/// A database or distributed engine that computes an experiment's sufficient statistics where
/// the events live: it runs the ``SummaryQuery`` written in its ``SQLDialect`` and bulk-loads
/// event files for `abkit load`.
///
/// PostgreSQL is one conformance (ABPostgres); another engine is one dialect plus one engine,
/// and every command that reads a warehouse works with it unchanged.
public protocol WarehouseEngine: Sendable {
    /// The SQL the engine speaks.
    var dialect: any SQLDialect { get }
    /// Runs a generated summary query; its rows in ``SummaryQuery/resultColumns`` order.
    func summaryRows(_ query: SQLQuery) async throws -> [SummaryRow]
    /// Runs a statement written in ``dialect`` and ignores any rows it returns.
    func execute(_ sql: String, _ parameters: [SQLValue]) async throws
    /// The columns of a table or view (schema-qualified allowed), in order, with the kinds the
    /// dialect makes of their types (``SQLDialect/columnKind(ofType:)``).
    func columns(of relation: String) async throws -> [TableColumn]
    /// Creates the events table when missing, with `abkit load`'s columns.
    func createEventsTable(_ table: String, columns: EventColumns) async throws
    /// Creates a table of text columns when missing (assignments).
    func createTextTable(_ table: String, columns: [String]) async throws
    /// Starts a load whose rows become visible together, or not at all.
    func beginLoad() async throws
    /// Streams rows into `table`'s `columns`; `next` returns the next chunk of rows in the
    /// load format (``EventLoadReader``: tab-separated text, `\N` for NULL), nil at the end.
    func bulkLoad(into table: String, columns: [String], rows next: () -> [UInt8]?) async throws
    /// Ends the load begun with ``beginLoad()``: keeps every row loaded since, or none, and
    /// refreshes the engine's statistics of `table` when kept.
    func finishLoad(keeping keep: Bool, table: String) async throws
    /// Releases the connection.
    func close() async
}

extension WarehouseEngine {
    /// The summary of `plan` over `table`: the generated query, run in the engine.
    ///
    /// Event files (``WarehouseTable/files``) get a temporary view named ``WarehouseTable/events``
    /// first. The table's columns are described before the query is written, so a missing column
    /// is named with its setting (``WarehouseError/Code/missingColumn``) and times stored as text
    /// or numbers are read as the collector reads them.
    public func summary(plan: CollectorPlan, table: WarehouseTable, control: String, weights: [String: Double]?) async throws -> SummaryFile {
        if let files = table.files {
            guard let view = dialect.fileView(table.events, files: files) else {
                throw WarehouseError.unsupported("\(dialect.name) reads tables, not files: load the event files into a table first")
            }
            try await execute(view, [])
        }
        let table = try table.resolved(against: try await columns(of: table.events), fields: plan.fields)
        let query = try SummaryQuery.make(plan: plan, table: table, dialect: dialect)
        return try WarehouseSummary.build(
            plan: plan, control: control, weights: weights, rows: try await summaryRows(query), assignments: table.assignments != nil)
    }
}
