import ABAssign
import ABEvents
import Foundation
internal import GRDB

/// Rows of a SQLite table or query, streamed to the collector as JSON lines.
///
/// Each row becomes one JSON object keyed by column name (text, integers, reals and NULL keep
/// their types; blobs are rejected by the collector as unreadable fields), so event tables and
/// user tables go through exactly the same validation, rejects and metrics as JSONL files.
/// Rows are read through GRDB's cursor, a chunk at a time, in constant memory.
public struct SQLiteRows: Sendable, Equatable {
    /// The database file.
    public var path: String
    /// A table name (quoted as an identifier), or nil when `query` is given.
    public var table: String?
    /// A SELECT statement, or nil when `table` is given.
    public var query: String?

    /// Reads `table` of the database at `path`.
    public init(path: String, table: String) {
        self.path = path
        self.table = table
        query = nil
    }

    /// Reads the rows of `query` in the database at `path`.
    public init(path: String, query: String) {
        self.path = path
        table = nil
        self.query = query
    }

    /// How the source is named in rejects and errors: `events.db:events` or `events.db:query`.
    public var name: String { "\(path):\(table ?? "query")" }

    /// The SQL that is run: the query, or SELECT * from the quoted table.
    public var sql: String {
        if let query { return query }
        return "SELECT * FROM \"\((table ?? "").replacingOccurrences(of: "\"", with: "\"\""))\""
    }

    /// Opens the database read-only and returns a byte source of its rows as JSON lines.
    public func byteSource() throws(CollectorError) -> ByteSource {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingInput(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        let reader = RowReader()
        if let query { try Self.checkSingleSelect(query, in: path, configuration: configuration) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try reader.open(queue, sql: sql)
        } catch let error as DatabaseError {
            // SQLite's own message ("no such table: x"), without GRDB's "SQLite error 1: … - while executing" wrapper.
            throw .unreadable(path: name, reason: error.message ?? "\(error)")
        } catch {
            throw .unreadable(path: name, reason: "\(error)")
        }
        return ByteSource(name: name) { try reader.next() }
    }
}

extension SQLiteRows {
    /// Checks that `query` is one read-only statement, as `--query` documents: SQLite's own errors
    /// for two statements or a write advise Swift calls ("use Database.execute(sql:)") that a
    /// command-line user cannot make. A query that does not compile keeps SQLite's message.
    static func checkSingleSelect(_ query: String, in path: String, configuration: Configuration) throws(CollectorError) {
        let shown = query.count > 80 ? String(query.prefix(77)) + "..." : query
        let verdict: (count: Int, readonly: Bool)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            verdict = try queue.read { db in
                var count = 0, readonly = true
                let statements = try db.allStatements(sql: query)
                while let statement = try statements.next() {
                    count += 1
                    readonly = readonly && statement.isReadonly
                }
                return (count, readonly)
            }
        } catch {
            // Compilation errors (a typo, a missing table) are reported when the query runs.
            return
        }
        guard verdict.count == 1 else {
            throw .badPlan("the SQL query must be a single SELECT statement (got \(verdict.count) statements: \(shown))")
        }
        guard verdict.readonly else {
            throw .badPlan("the SQL query must be a single SELECT statement (got a statement that writes: \(shown))")
        }
    }
}

/// Streams rows from a reading thread to the collector, a few chunks at a time.
///
/// GRDB cursors must not escape their database access block, so a thread holds the block open
/// and hands JSON-line chunks over a small bounded buffer: memory stays constant however many
/// rows the table has.
private final class RowReader: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var finished = false
    private var failure: (any Error)?
    private let capacity = 4

    /// Starts reading `sql`; the first error (a bad query, say) is thrown here or by `next`.
    func open(_ queue: DatabaseQueue, sql: String) throws {
        // Compile the statement first, so a bad query fails before any row is read.
        try queue.read { db in _ = try db.makeStatement(sql: sql) }
        let thread = Thread { [self] in
            do {
                try queue.read { db in
                    let cursor = try Row.fetchCursor(db, sql: sql)
                    var chunk: [UInt8] = []
                    var count = 0
                    while let row = try cursor.next() {
                        Self.render(row, into: &chunk)
                        count += 1
                        if count == 4096 { deliver(chunk); chunk = []; count = 0 }
                    }
                    if !chunk.isEmpty { deliver(chunk) }
                }
            } catch {
                condition.lock(); failure = error; condition.unlock()
            }
            condition.lock(); finished = true; condition.broadcast(); condition.unlock()
        }
        thread.start()
    }

    private func deliver(_ chunk: [UInt8]) {
        condition.lock()
        while chunks.count >= capacity { condition.wait() }
        chunks.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk of JSON lines, or nil at the end.
    func next() throws -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            condition.broadcast()
            return chunk
        }
        if let failure { throw failure }
        return nil
    }

    /// One row as a JSON object keyed by column name, and a line end.
    private static func render(_ row: Row, into line: inout [UInt8]) {
        var members: [(key: String, value: JSONValue)] = []
        for (column, value) in row {
            switch value.storage {
            case .null: members.append((column, .null))
            // Beyond 2^53 a Double would round, merging distinct ids: keep the digits exactly.
            case .int64(let n): members.append((column, n.magnitude <= 1 << 53 ? .number(Double(n)) : .string(String(n))))
            case .double(let d): members.append((column, d.isFinite ? .number(d) : .string(String(d))))
            case .string(let text): members.append((column, .string(text)))
            case .blob: members.append((column, .object(JSONObject([("blob", .bool(true))]))))
            }
        }
        JSONWriter.write(.object(JSONObject(members)), into: &line)
        line.append(0x0A)
    }
}
