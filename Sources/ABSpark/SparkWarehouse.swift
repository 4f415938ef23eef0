import ABEvents
import ABWarehouse
import Foundation

/// Spark through Spark Connect as a ``WarehouseEngine``: the summary query runs in Spark SQL
/// (``SparkSQLDialect``) and only its rows come back, as Arrow batches.
///
/// Spark has no transactions: a load goes into a staging table of text columns first and moves
/// into the target table with one INSERT … SELECT when it is kept, so a refused load leaves the
/// table as it was.
public final class SparkWarehouse: WarehouseEngine, @unchecked Sendable {
    /// The server.
    public let location: SparkLocation
    public let dialect: any SQLDialect = SparkSQLDialect()
    private let client: SparkConnectClient
    /// The load in progress: per target table, its staging table and the columns loaded; and the
    /// timestamp column of each events table this client created, which the staging text converts to.
    private let lock = NSLock()
    private var staging: [String: (table: String, columns: [String])] = [:]
    private var timestampColumn: [String: String] = [:]

    private init(location: SparkLocation) {
        self.location = location
        self.client = SparkConnectClient(location: location)
    }

    /// Connects to the server (and checks that it answers), setting the session to UTC.
    public static func connect(_ location: SparkLocation) async throws -> SparkWarehouse {
        let warehouse = SparkWarehouse(location: location)
        for setting in warehouse.dialect.sessionSettings { _ = try await warehouse.client.execute(setting) }
        return warehouse
    }

    /// Runs a statement and ignores its rows.
    public func execute(_ sql: String, _ parameters: [SQLValue] = []) async throws {
        _ = try await client.execute(sql, parameters: parameters)
    }

    /// The columns `DESCRIBE TABLE` lists, up to its first section header (partitioning, details).
    public func columns(of relation: String) async throws -> [TableColumn] {
        let described = try await client.execute("DESCRIBE TABLE \(dialect.quoteQualified(relation))")
        guard described.count >= 2, case let .text(names) = described[0], case let .text(types) = described[1] else {
            throw WarehouseError.badResult("DESCRIBE TABLE \(relation) did not return column names and types")
        }
        var columns: [TableColumn] = []
        for (name, type) in zip(names, types) {
            guard let name, !name.isEmpty, !name.hasPrefix("#") else { break }
            columns.append(TableColumn(name: name, kind: dialect.columnKind(ofType: type ?? "")))
        }
        return columns
    }

    public func summaryRows(_ query: SQLQuery) async throws -> [SummaryRow] {
        let columns = try await client.execute(query.text, parameters: query.parameters)
        return try Self.rows(columns)
    }

    /// The summary rows of a result's columns (``SummaryQuery/resultColumns``, in order).
    static func rows(_ columns: [ArrowColumn]) throws -> [SummaryRow] {
        guard columns.count == SummaryQuery.resultColumns.count else {
            throw WarehouseError.badResult("expected \(SummaryQuery.resultColumns.count) columns, got \(columns.count)")
        }
        func integers(_ c: Int) throws -> [Int64?] {
            switch columns[c] {
            case let .integer(values): return values
            case let .null(count): return [Int64?](repeating: nil, count: count)
            case .double, .text, .boolean: throw WarehouseError.badResult("column \(SummaryQuery.resultColumns[c]) is not an integer")
            }
        }
        func doubles(_ c: Int) throws -> [Double?] {
            switch columns[c] {
            case let .double(values): return values
            case let .integer(values): return values.map { $0.map(Double.init) }
            case let .null(count): return [Double?](repeating: nil, count: count)
            case .text, .boolean: throw WarehouseError.badResult("column \(SummaryQuery.resultColumns[c]) is not a number")
            }
        }
        func texts(_ c: Int) throws -> [String?] {
            switch columns[c] {
            case let .text(values): return values
            case let .null(count): return [String?](repeating: nil, count: count)
            case .integer, .double, .boolean: throw WarehouseError.badResult("column \(SummaryQuery.resultColumns[c]) is not text")
            }
        }
        let part = try integers(0), metric = try integers(1), dimension = try integers(2)
        let value = try texts(3), variant = try texts(4), bucket = try doubles(5)
        let units = try integers(6), events = try integers(7), censored = try integers(8)
        let y = try doubles(9), y2 = try doubles(10), x = try doubles(11), x2 = try doubles(12), xy = try doubles(13)
        return try part.indices.map { i in
            guard let p = part[i], let kind = SummaryRow.Part(rawValue: Int(p)), let m = metric[i], let d = dimension[i], let n = units[i] else {
                throw WarehouseError.badResult("row \(i + 1) lacks its part, metric_index, dimension_index or units")
            }
            return SummaryRow(
                part: kind, metricIndex: Int(m), dimensionIndex: Int(d), dimensionValue: value[i], variant: variant[i], bucket: bucket[i],
                units: Int(n), events: events[i].map(Int.init), censored: censored[i].map(Int.init),
                sumY: y[i], sumYSquared: y2[i], sumX: x[i], sumXSquared: x2[i], sumXY: xy[i])
        }
    }

    public func createEventsTable(_ table: String, columns: EventColumns) async throws {
        try await execute(dialect.createEventsTable(table, columns: columns))
        lock.withLock { timestampColumn[table] = columns.timestamp }
    }

    public func createTextTable(_ table: String, columns: [String]) async throws {
        guard !columns.isEmpty else { throw WarehouseError.badName("the header names no column") }
        let list = columns.map { "\(dialect.quoteIdentifier($0)) STRING" }.joined(separator: ", ")
        try await execute("CREATE TABLE IF NOT EXISTS \(dialect.quoteQualified(table)) (\(list))")
    }

    public func beginLoad() async throws {
        lock.withLock { staging = [:] }
    }

    public func bulkLoad(into table: String, columns: [String], rows next: () -> [UInt8]?) async throws {
        let stage = table.replacingOccurrences(of: ".", with: "_") + "__abkit_load"
        lock.withLock { staging[table] = (stage, columns) }
        let list = columns.map { "\(dialect.quoteIdentifier($0)) STRING" }.joined(separator: ", ")
        try await execute("DROP TABLE IF EXISTS \(dialect.quoteIdentifier(stage))")
        try await execute("CREATE TABLE \(dialect.quoteIdentifier(stage)) (\(list))")
        while let chunk = next() {
            let rows = try LoadRows.parse(chunk, columns: columns.count)
            guard !rows.isEmpty else { continue }
            let values = rows.map { row in
                "(" + row.map { $0.map { dialect.literal(.text($0)) } ?? "CAST(NULL AS STRING)" }.joined(separator: ", ") + ")"
            }
            try await execute("INSERT INTO \(dialect.quoteIdentifier(stage)) VALUES \(values.joined(separator: ",\n"))")
        }
    }

    public func finishLoad(keeping keep: Bool, table: String) async throws {
        let (stages, timestamps) = lock.withLock { (staging, timestampColumn) }
        for (target, (stage, names)) in stages.sorted(by: { $0.key < $1.key }) {
            if keep {
                let select = names.map { name -> String in
                    let column = dialect.quoteIdentifier(name)
                    // The load format writes times as `2026-11-02 09:30:00.123+00`; Spark reads the offset as +00:00.
                    return timestamps[target] == name ? "CAST(concat(\(column), ':00') AS TIMESTAMP)" : column
                }
                try await execute("""
                    INSERT INTO \(dialect.quoteQualified(target)) (\(names.map(dialect.quoteIdentifier).joined(separator: ", ")))
                    SELECT \(select.joined(separator: ", ")) FROM \(dialect.quoteIdentifier(stage))
                    """)
            }
            try await execute("DROP TABLE IF EXISTS \(dialect.quoteIdentifier(stage))")
        }
        lock.withLock { staging = [:] }
    }

    public func close() async {}
}
