import Foundation
import Testing
@testable import ABEvents

@Suite("Rejects: one line per reason, counted, written, reconciled")
struct RejectAccountingTests {
    static func plan(maximumLineBytes: Int = 400) -> CollectorPlan {
        CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "signup",
            metrics: [MetricPlan(id: "rev", kind: .sum(event: "purchase", value: "value"))],
            maximumLineBytes: maximumLineBytes)
    }

    static let good = #"{"user_id":"u1","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"a"}"#
    static let dirty: [(RejectReason, String)] = [
        (.invalidJSON, #"{"user_id":"u2","event":"signup","timestamp":"2026-11-02T00:0"#),
        (.missingUser, #"{"event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"a"}"#),
        (.missingEvent, #"{"user_id":"u3","timestamp":"2026-11-02T00:00:00Z"}"#),
        (.missingTimestamp, #"{"user_id":"u3","event":"purchase"}"#),
        (.badTimestamp, #"{"user_id":"u3","event":"purchase","timestamp":"yesterday"}"#),
        (.nonNumericValue, #"{"user_id":"u1","event":"purchase","timestamp":"2026-11-02T01:00:00Z","value":"n/a"}"#),
        (.unknownVariant, #"{"user_id":"u4","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"c"}"#),
        (.lineTooLong, #"{"user_id":"u5","event":"purchase","timestamp":"2026-11-02T01:00:00Z","pad":""# + String(repeating: "x", count: 500) + #""}"#),
        (.invalidUTF8, "{\"user_id\":\"u\u{FFFD}\",\"event\":\"purchase\",\"timestamp\":\"2026-11-02T01:00:00Z\"}"),
        (.emptyLine, "   "),
    ]

    @Test("every reason is counted once, written to the rejects file with file and line, and totals reconcile")
    func reconcile() throws {
        var lines = [Self.good]
        for (_, line) in Self.dirty { lines.append(line) }
        lines.append(#"{"event_id":"p1","user_id":"u1","event":"purchase","timestamp":"2026-11-02T01:00:00Z","value":2.5}"#)
        lines.append(#"{"event_id":"p1","user_id":"u1","event":"purchase","timestamp":"2026-11-02T01:00:00Z","value":2.5}"#)
        var bytes = Array(lines.joined(separator: "\r\n").utf8)
        // Make the invalid-UTF-8 line really invalid: replace U+FFFD's bytes by a lone continuation byte.
        let marker: [UInt8] = [0xEF, 0xBF, 0xBD]
        if let at = (0..<(bytes.count - 2)).first(where: { Array(bytes[$0..<$0 + 3]) == marker }) {
            bytes.replaceSubrange(at..<at + 3, with: [0x80])
        }
        let rejectsPath = FileManager.default.temporaryDirectory.appendingPathComponent("rejects-\(UUID().uuidString).jsonl").path
        let rejects = try RejectWriter(path: rejectsPath)
        let collector = try EventCollector(plan: Self.plan(), rejects: rejects)
        collector.ingest(ByteSource(bytes: bytes, name: "dirty.jsonl"))
        let result = collector.finish()
        rejects.flush()
        let a = result.accounting
        for (reason, _) in Self.dirty { #expect(a.rejectedByReason[reason] == 1, "\(reason)") }
        #expect(a.rejected == Self.dirty.count)
        #expect(a.duplicates == 1)
        #expect(a.linesRead == lines.count)
        #expect(a.linesRead == a.accepted + a.rejected + a.duplicates)
        let written = try String(contentsOfFile: rejectsPath, encoding: .utf8).split(separator: "\n")
        #expect(written.count == Self.dirty.count)
        let records = try written.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.map { $0["line"] as? Int } == (2...(Self.dirty.count + 1)).map { Optional($0) })
        #expect(records.allSatisfy { $0["file"] as? String == "dirty.jsonl" && $0["detail"] is String })
        // Every rejected line comes back byte for byte: as text, or as base64 when it is not valid UTF-8.
        let originals = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0.last == 0x0D ? $0.dropLast() : $0[...]) }
        for (index, record) in records.enumerated() {
            let raw = (record["raw"] as? String).map { Array($0.utf8) }
                ?? (record["rawBase64"] as? String).flatMap { Data(base64Encoded: $0) }.map { Array($0) }
            #expect(raw == originals[index + 1], "line \(index + 2)")
        }
        #expect(records[8]["raw"] == nil && records[8]["rawBase64"] is String)
        #expect(records.map { $0["reason"] as? String } == Self.dirty.map { $0.0.rawValue })
        #expect(records[5]["field"] as? String == "value")
        // u1's one purchase counts once.
        #expect(result.metrics[0].variants[0].sum == 2.5)
    }

    @Test("a line larger than the reader's buffer is spooled and written to the rejects file whole, as base64")
    func hugeLineKeptWhole() throws {
        let huge = Array(#"{"user_id":"u9","event":"purchase","pad":""#.utf8) + Array(repeating: UInt8(ascii: "z"), count: 9 << 20) + Array(#""}"#.utf8)
        let bytes = Array((Self.good + "\n").utf8) + huge + Array("\r\n".utf8) + Array(Self.good.utf8)
        let rejectsPath = FileManager.default.temporaryDirectory.appendingPathComponent("rejects-\(UUID().uuidString).jsonl").path
        let rejects = try RejectWriter(path: rejectsPath)
        let collector = try EventCollector(plan: Self.plan(), rejects: rejects)
        collector.ingest(ByteSource(bytes: bytes, name: "huge.jsonl"))
        let result = collector.finish()
        try rejects.finish()
        #expect(result.accounting.rejectedByReason[.lineTooLong] == 1)
        let written = try Data(contentsOf: URL(fileURLWithPath: rejectsPath))
        let record = try JSONSerialization.jsonObject(with: written) as! [String: Any]
        #expect(record["line"] as? Int == 2)
        #expect(record["rawLength"] as? Int == huge.count)
        #expect((record["rawBase64"] as? String).flatMap { Data(base64Encoded: $0) } == Data(huge))
    }

    @Test("rejects deep in a file of several blocks keep their line numbers; duplicates are found across blocks")
    func manyBlocks() throws {
        // About 9 MB: the reader hands the collector several blocks, parsed on different threads.
        var lines = (0..<90_000).map { i in
            #"{"event_id":"e\#(i)","user_id":"u\#(i % 5000)","event":"purchase","timestamp":"2026-11-02T01:00:00Z","value":1,"pad":"\#(String(repeating: "p", count: 20 + i % 13))"}"#
        }
        lines.insert(#"{"user_id":"u1","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"a"}"#, at: 0)
        let bad = [2, 45_001, 89_999]
        for line in bad { lines[line - 1] = #"{"user_id":"#  }
        lines.append(lines[10])  // a duplicate event id, seen again at the very end
        let directory = FileManager.default.temporaryDirectory
        let input = directory.appendingPathComponent("blocks-\(UUID().uuidString).jsonl").path
        let rejectsPath = directory.appendingPathComponent("rejects-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: input); try? FileManager.default.removeItem(atPath: rejectsPath) }
        try lines.joined(separator: "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let rejects = try RejectWriter(path: rejectsPath)
        let collector = try EventCollector(plan: Self.plan(), rejects: rejects)
        let source = try ByteSource(path: input)
        #expect(source.byteCountHint ?? 0 > 8_000_000)
        collector.ingest(source)
        let a = collector.finish().accounting
        rejects.flush()
        #expect(a.linesRead == lines.count && a.rejected == 3 && a.duplicates == 1)
        #expect(a.linesRead == a.accepted + a.rejected + a.duplicates)
        let written = try String(contentsOfFile: rejectsPath, encoding: .utf8).split(separator: "\n")
        let numbers = try written.map { (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["line"] as? Int }
        #expect(numbers == bad.map { Optional($0) })
    }

    @Test("an empty file, a header-only CSV and a truncated last line are all handled")
    func edges() throws {
        for (text, read, rejected) in [("", 0, 0), ("user_id,event,timestamp\n", 0, 0), ("user_id,event,timestamp\r\nu1,signup", 1, 1),
                                       (Self.good + "\n" + #"{"user_id":"u2","#, 2, 1)] {
            let collector = try EventCollector(plan: Self.plan(), rejects: try RejectWriter(path: nil))
            collector.ingest(ByteSource(bytes: Array(text.utf8)))
            let a = collector.finish().accounting
            #expect(a.linesRead == read && a.rejected == rejected, "\(text)")
        }
    }

    @Test("CSV event logs read like JSONL, with quoted fields and overridden names")
    func csvEvents() throws {
        var plan = Self.plan()
        try plan.fields.override("user", with: "uid")
        let csv = """
            uid,event,timestamp,variant,value
            u1,signup,2026-11-02T00:00:00Z,a,
            u2,signup,2026-11-02T00:00:00Z,b,
            "u1",purchase,2026-11-02T01:00:00Z,,"1,5"
            u1,purchase,2026-11-02T02:00:00Z,,4
            u2,purchase,2026-11-02T02:00:00Z,,3,extra
            """
        let collector = try EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(csv.utf8)))
        let result = collector.finish()
        #expect(result.accounting.rejectedByReason == [.nonNumericValue: 1, .wrongFieldCount: 1])
        #expect(result.metrics[0].variants.map(\.sum) == [4, 0])
        #expect(result.unitsPerVariant == [1, 1])
    }
}
