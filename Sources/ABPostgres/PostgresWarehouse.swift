import ABSummary
import ABEvents
import ABWarehouse
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL database that runs ABKit's generated queries and bulk loads.
///
/// postgres-nio speaks the wire protocol in Swift (no libpq, no C headers to install), binds
/// parameters in the extended protocol, and streams `COPY ... FROM STDIN`.
public final class PostgresWarehouse: WarehouseEngine {
    /// Where it is connected.
    public let location: PostgresLocation
    let connection: PostgresConnection
    let logger: Logger
    /// The SQL dialect of the server.
    public let dialect: any SQLDialect = PostgreSQLDialect()

    private init(location: PostgresLocation, connection: PostgresConnection, logger: Logger) {
        self.location = location
        self.connection = connection
        self.logger = logger
    }

    /// Connects to `location`.
    public static func connect(_ location: PostgresLocation) async throws -> PostgresWarehouse {
        var logger = Logger(label: "abkit.postgres")
        logger.logLevel = .critical
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tls {
            case .disable: tls = .disable
            case .prefer, .require:
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = .none
                let context = try NIOSSLContext(configuration: settings)
                tls = location.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw WarehouseError.connection("cannot connect to PostgreSQL at \(location.host):\(location.port): TLS cannot be set up: \(error)")
        }
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            let warehouse = PostgresWarehouse(location: location, connection: connection, logger: logger)
            for setting in warehouse.dialect.sessionSettings { try await warehouse.execute(setting) }
            return warehouse
        } catch {
            throw WarehouseError.connection(
                "cannot connect to PostgreSQL at \(location.host):\(location.port): \(Self.describeConnectionFailure(error))")
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    /// Runs a statement without results (DDL), or with results it ignores.
    public func execute(_ sql: String, _ parameters: [SQLValue] = []) async throws {
        do {
            let rows = try await connection.query(Self.query(sql, parameters), logger: logger)
            for try await _ in rows {}
        } catch {
            throw WarehouseError.server(Self.describe(error))
        }
    }

    /// Runs `query` and returns its rows as ``SummaryRow``s.
    public func summaryRows(_ query: SQLQuery) async throws -> [SummaryRow] {
        do {
            let rows = try await connection.query(Self.query(query.text, query.parameters), logger: logger)
            var result: [SummaryRow] = []
            for try await row in rows {
                let (part, metric, dimension, value, variant, bucket, units, events, censored, y, y2, x, x2, xy) = try row.decode(
                    (Int, Int, Int, String?, String?, Double?, Int, Int?, Int?, Double?, Double?, Double?, Double?, Double?).self)
                guard let part = SummaryRow.Part(rawValue: part) else {
                    throw WarehouseError.badResult(
                        "column part is \(part); expected 0 (statistics), 1 (distribution) or 2 (timeline) — was the query written by another abkit version's `abkit sql`?")
                }
                result.append(SummaryRow(
                    part: part, metricIndex: metric, dimensionIndex: dimension, dimensionValue: value, variant: variant, bucket: bucket,
                    units: units, events: events, censored: censored, sumY: y, sumYSquared: y2, sumX: x, sumXSquared: x2, sumXY: xy))
            }
            return result
        } catch {
            throw WarehouseError.server(Self.describe(error))
        }
    }

    /// The columns of a table or view from the catalog (the name resolved through the search path).
    public func columns(of relation: String) async throws -> [TableColumn] {
        do {
            let rows = try await connection.query(Self.query("""
                SELECT CAST(attname AS TEXT), format_type(atttypid, atttypmod) FROM pg_attribute
                 WHERE attrelid = CAST(CAST($1 AS TEXT) AS regclass) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
                """, [.text(dialect.quoteQualified(relation))]), logger: logger)
            var columns: [TableColumn] = []
            for try await row in rows {
                let (name, type) = try row.decode((String, String).self)
                columns.append(TableColumn(name: name, kind: dialect.columnKind(ofType: type)))
            }
            return columns
        } catch {
            throw WarehouseError.server(Self.describe(error))
        }
    }

    /// Creates the events table when missing, with `abkit load`'s columns.
    public func createEventsTable(_ table: String, columns: EventColumns) async throws {
        try await execute(dialect.createEventsTable(table, columns: columns))
    }

    /// Creates a table of text columns when missing (assignments).
    public func createTextTable(_ table: String, columns: [String]) async throws {
        guard !columns.isEmpty else { throw WarehouseError.badName("the header names no column") }
        let list = columns.map { "\(dialect.quoteIdentifier($0)) TEXT" }.joined(separator: ", ")
        try await execute("CREATE TABLE IF NOT EXISTS \(dialect.quoteQualified(table)) (\(list))")
    }

    /// Starts the load's transaction.
    public func beginLoad() async throws {
        try await execute("BEGIN")
    }

    /// Commits (then refreshes the planner's statistics of `table`) or rolls back the load.
    public func finishLoad(keeping keep: Bool, table: String) async throws {
        try await execute(keep ? "COMMIT" : "ROLLBACK")
        if keep { try await execute("ANALYZE \(dialect.quoteQualified(table))") }
    }

    /// Streams rows into `table`'s `columns` with COPY (its text format is the load format).
    public func bulkLoad(into table: String, columns: [String], rows next: () -> [UInt8]?) async throws {
        // postgres-nio puts the names between double quotes as given: refuse any that hold one.
        for name in [table] + columns where name.contains("\"") || name.contains("\0") {
            throw WarehouseError.badName("'\(name)' holds a double quote or NUL, which COPY cannot take")
        }
        // `schema.table` becomes "schema"."table" inside postgres-nio's quotes.
        let quotedInside = table.split(separator: ".", omittingEmptySubsequences: false).joined(separator: "\".\"")
        do {
            try await connection.copyFrom(table: quotedInside, columns: columns, logger: logger) { writer in
                while let chunk = next() {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
            }
        } catch {
            throw WarehouseError.server(Self.describe(error))
        }
    }

    static func query(_ sql: String, _ parameters: [SQLValue]) throws -> PostgresQuery {
        var bindings = PostgresBindings()
        for value in parameters {
            switch value {
            case let .text(s): bindings.append(s)
            case let .bigint(n): bindings.append(n)
            case let .double(x): bindings.append(x)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// The server's message (and SQLSTATE, detail and hint) of a postgres-nio error.
    /// Why a connection failed, for the person who gave `--warehouse`: the socket's errno in words with
    /// what to check, or the server's own message (a refused login); never NIO's type dump.
    static func describeConnectionFailure(_ error: any Error) -> String {
        if let psql = error as? PSQLError, psql.serverInfo?[.message] != nil { return describe(error) }
        if let code = errno(in: error, depth: 0) {
            switch code {
            case ECONNREFUSED: return "connection refused (is the server running?)"
            case ETIMEDOUT: return "timed out (is the host reachable and the port open?)"
            case EHOSTUNREACH, ENETUNREACH: return "no route to the host (is the host name right, and the network up?)"
            case ECONNRESET: return "the server closed the connection (is it PostgreSQL, and does it accept this client?)"
            default: return String(cString: strerror(code)).lowercased()
            }
        }
        let text = "\(error)"
        if text.contains("dnsAError") || text.contains("dnsAAAAError") || text.contains("UnknownHost") || text.contains("DNS error") {
            return "the host name cannot be resolved (is it spelled right?)"
        }
        return describe(error)
    }

    /// The first errno an `IOError` inside `error` carries: postgres-nio wraps NIO's connection error,
    /// which holds one failure per address tried, so the search walks the values' fields.
    private static func errno(in value: Any, depth: Int) -> Int32? {
        if let io = value as? IOError { return io.errnoCode }
        if let psql = value as? PSQLError, let underlying = psql.underlying { return errno(in: underlying, depth: depth + 1) }
        guard depth < 6 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let code = errno(in: child.value, depth: depth + 1) { return code }
        }
        return nil
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? WarehouseError { return error.localizedDescription }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            var text = message
            if let detail = info[.detail] { text += " (\(detail))" }
            if let hint = info[.hint] { text += "; hint: \(hint)" }
            if let state = info[.sqlState] { text += " [SQLSTATE \(state)]" }
            return text
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
