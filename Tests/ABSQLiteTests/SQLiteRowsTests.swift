import ABEvents
import Foundation
import GRDB
import Testing
@testable import ABSQLite

@Suite("SQLite tables and queries as event and user rows")
struct SQLiteRowsTests {
    static let plan = CollectorPlan(
        experiment: "exp", variants: ["a", "b"], exposureEvent: "signup",
        metrics: [
            MetricPlan(id: "conv", kind: .conversion(event: "activate"), windowMilliseconds: 86_400_000),
            MetricPlan(id: "rev", kind: .sum(event: "purchase", value: "amount")),
        ])

    static let rows: [(String?, String, String, String?, Double?)] = [
        ("u1", "signup", "2026-11-02T00:00:00Z", "a", nil),
        ("u2", "signup", "2026-11-02T01:00:00Z", "b", nil),
        ("u1", "activate", "2026-11-02T05:00:00Z", nil, nil),
        ("u2", "purchase", "2026-11-02T06:00:00Z", nil, 12.5),
        (nil, "purchase", "2026-11-02T06:00:00Z", nil, 1),
        ("u2", "activate", "2026-11-04T06:00:00Z", nil, nil),
    ]

    /// A fresh database with an `events` table holding `rows`.
    static func database() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("abkit-\(UUID().uuidString).sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE events (user_id TEXT, event TEXT, timestamp TEXT, variant TEXT, amount REAL)")
            for row in rows {
                try db.execute(sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?)", arguments: [row.0, row.1, row.2, row.3, row.4])
            }
            try db.execute(sql: "CREATE TABLE users (userid INTEGER, version TEXT, retained INTEGER)")
            try db.execute(sql: "INSERT INTO users VALUES (1, 'a', 1), (2, 'a', 0), (3, 'b', 1), (4, 'b', 1)")
        }
        return path
    }

    static func jsonl() -> [UInt8] {
        var text = ""
        for row in rows {
            var members: [String] = []
            members.append(row.0.map { "\"user_id\":\"\($0)\"" } ?? "\"user_id\":null")
            members.append("\"event\":\"\(row.1)\"")
            members.append("\"timestamp\":\"\(row.2)\"")
            members.append(row.3.map { "\"variant\":\"\($0)\"" } ?? "\"variant\":null")
            members.append(row.4.map { "\"amount\":\($0)" } ?? "\"amount\":null")
            text += "{" + members.joined(separator: ",") + "}\n"
        }
        return Array(text.utf8)
    }

    @Test("a table gives the same collection as the same rows in a JSONL file, rejects included")
    func tableEqualsJSONL() throws {
        let path = try Self.database()
        let fromTable = try EventCollector(plan: Self.plan, rejects: try RejectWriter(path: nil))
        fromTable.ingest(try SQLiteRows(path: path, table: "events").byteSource())
        let fromFile = try EventCollector(plan: Self.plan, rejects: try RejectWriter(path: nil))
        fromFile.ingest(ByteSource(bytes: Self.jsonl()))
        let table = fromTable.finish(), file = fromFile.finish()
        #expect(table.metrics == file.metrics)
        #expect(table.accounting == file.accounting)
        #expect(table.accounting.rejectedByReason == [.missingUser: 1])
        #expect(table.metrics[0].variants.map(\.conversions) == [1, 0])
        #expect(table.metrics[1].variants.map(\.sum) == [0, 12.5])
    }

    @Test("a query selects and renames columns; a user table reads integer ids and 0/1 flags")
    func queryAndUsers() throws {
        let path = try Self.database()
        let query = SQLiteRows(path: path, query: "SELECT userid AS id, version AS variant, retained FROM users WHERE userid <= 3")
        let plan = CollectorPlan(experiment: "g", variants: ["a", "b"],
                                 metrics: [MetricPlan(id: "retained", kind: .conversion(event: "x"), column: "retained")])
        let collector = try UserTableCollector(plan: plan, rejects: try RejectWriter(path: nil))
        try collector.ingest(try query.byteSource())
        let result = collector.finish()
        #expect(result.unitsPerVariant == [2, 1])
        #expect(result.metrics[0].variants.map(\.conversions) == [1, 1])
    }

    @Test("64-bit integer ids beyond 2^53 stay distinct")
    func largeIntegerIDs() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("abkit-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE users (id INTEGER, variant TEXT, retained INTEGER)")
            try db.execute(sql: "INSERT INTO users VALUES (9007199254740992, 'a', 1), (9007199254740993, 'b', 0), (-9223372036854775807, 'b', 1)")
        }
        let plan = CollectorPlan(experiment: "g", variants: ["a", "b"],
                                 metrics: [MetricPlan(id: "retained", kind: .conversion(event: "x"), column: "retained")])
        let collector = try UserTableCollector(plan: plan, rejects: try RejectWriter(path: nil))
        try collector.ingest(try SQLiteRows(path: path, table: "users").byteSource())
        let result = collector.finish()
        #expect(result.unitsPerVariant == [1, 2])
        #expect(result.metrics[0].variants.map(\.conversions) == [1, 1])
        #expect(result.accounting.rejected == 0)
    }

    @Test("a missing database and a bad query are errors that name them")
    func errors() throws {
        #expect(throws: CollectorError.missingInput(path: "/nonexistent.sqlite")) {
            _ = try SQLiteRows(path: "/nonexistent.sqlite", table: "events").byteSource()
        }
        let path = try Self.database()
        do {
            _ = try SQLiteRows(path: path, table: "no_such_table").byteSource()
            Issue.record("a missing table must fail")
        } catch {
            let description = error.localizedDescription
            #expect(description == "\(path):no_such_table: cannot read: no such table: no_such_table", "\(description)")
        }
    }

    @Test("--query with two statements or a write says what --query takes, not SQLite's advice to Swift callers", arguments: [
        ("SELECT 1; SELECT 2", "the SQL query must be a single SELECT statement (got 2 statements: SELECT 1; SELECT 2)"),
        ("DELETE FROM events", "the SQL query must be a single SELECT statement (got a statement that writes: DELETE FROM events)"),
    ])
    func singleSelect(_ example: (String, String)) throws {
        let path = try Self.database()
        #expect(throws: CollectorError.badPlan(example.1)) {
            _ = try SQLiteRows(path: path, query: example.0).byteSource()
        }
    }

    @Test("one SELECT with a trailing semicolon is read")
    func trailingSemicolon() throws {
        let path = try Self.database()
        _ = try SQLiteRows(path: path, query: "SELECT * FROM events;").byteSource()
    }
}
