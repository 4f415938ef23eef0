import Foundation
import Testing
@testable import ABEvents

@Suite("A CSV event log's header must name the unit, event and timestamp columns")
struct CSVHeaderCheckTests {
    @Test("a header without a needed column ends the input with an error naming the line and the column", arguments: [
        ("uid,event,timestamp\n", 1, "user_id", "no unit id column"),
        ("\n\nuser_id,name,when\n", 3, "timestamp", "no timestamp column"),
        ("user_id,timestamp,variant\n", 1, "event", "no event column"),
    ])
    func missingColumn(header: String, line: Int, field: String, message: String) throws {
        let source = ByteSource(bytes: Array((header + "u1,signup,2026-11-02T00:00:00Z\n").utf8), name: "log.csv")
        let collector = try EventCollector(plan: RejectAccountingTests.plan(), rejects: try RejectWriter(path: nil))
        collector.ingest(source)
        _ = collector.finish()
        #expect {
            try source.checkComplete()
        } throws: { error in
            guard case let .badInput(path, at, name, text) = error as? CollectorError else { return false }
            return path == "log.csv" && at == line && name == field && text.contains(message) && text.contains("source.fields")
        }
    }

    @Test("a header with every needed column, spelled as source.fields allows, reads as before")
    func completeHeader() throws {
        let source = ByteSource(bytes: Array("userId,name,ts,variant\nu1,signup,2026-11-02T00:00:00Z,a\n".utf8), name: "log.csv")
        let collector = try EventCollector(plan: RejectAccountingTests.plan(), rejects: try RejectWriter(path: nil))
        collector.ingest(source)
        let result = collector.finish()
        try source.checkComplete()
        #expect(result.accounting.accepted == 1)
    }

    @Test("a file whose header fails is ended for every later read, not only the collector's")
    func failedFileStaysEnded() throws {
        let path = NSTemporaryDirectory() + "abkit-header-\(UUID().uuidString).csv"
        try ("uid,event,timestamp\n" + String(repeating: "u1,signup,2026-11-02T00:00:00Z\n", count: 200_000)).write(toFile: path, atomically: false, encoding: .utf8)
        let source = try ByteSource(path: path)
        let collector = try EventCollector(plan: RejectAccountingTests.plan(), rejects: try RejectWriter(path: nil))
        collector.ingest(source)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        #expect(buffer.withUnsafeMutableBytes { source.read(into: $0) } == 0)
        #expect(throws: CollectorError.self) { try source.checkComplete() }
    }
}
