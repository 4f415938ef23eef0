import ABEvents
@testable import ABPostgres
import ABWarehouse
import Foundation
import PostgresNIO
import Testing

@Suite("Text times in PostgreSQL read as the collector reads them", .enabled(if: TestServer.enabled, TestServer.skipMessage))
struct TextTimeTests {
    /// Forms the collector reads, forms it rejects, and text PostgreSQL would read differently.
    static let texts = [
        "2026-11-02T10:00:00Z", "2026-11-02t10:00z", "2026-11-02 10:00:60+02", "2026-11-02T10:00:00,5Z",
        "2026-11-02T10:00:00.123456+0200", "2026-11-02T23:59:59.999-05:00", "2026-11-02", "2026-11-02T10:00",
        "1793577600", "1793577600000", "-86400", "1.5e3", "N/A", "now", "today", "", "2026-13-01", "12:30", "1abc",
        "--5", "infinity", "1e999", "2026-11-02T24:00:00Z", "2026-11-02T10:00:00+2",
    ]

    @Test("each text gives the collector's milliseconds, or NULL where the collector rejects the line")
    func sameAsCollector() async throws {
        let url = try #require(TestServer.url, "ABKIT_TEST_POSTGRES is not set")
        let warehouse = try await PostgresWarehouse.connect(try PostgresLocation(url: url))
        defer { Task { await warehouse.close() } }
        for text in Self.texts {
            let expected = Array(text.utf8).withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: false) }
            var bindings = PostgresBindings()
            bindings.append(text)
            let sql = "SELECT \(warehouse.dialect.epochMilliseconds(ofText: "CAST($1 AS TEXT)"))"
            let rows = try await warehouse.connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: warehouse.logger)
            var got: Int64?? = .none
            for try await row in rows { got = .some(try row.decode(Int64?.self)) }
            #expect(got == .some(expected), "\"\(text)\": PostgreSQL \(String(describing: got)), collector \(String(describing: expected))")
        }
    }
}
