import Foundation
import Testing
@testable import ABEvents

@Suite("EventLineChecker: the collector's verdicts for readers outside it")
struct EventLineCheckerTests {
    /// Each line's verdict from a checker that sees the lines one by one.
    static func verdicts(_ lines: [[UInt8]], plan: CollectorPlan?) -> [EventLineChecker.Verdict?] {
        var checker = EventLineChecker(plan: plan, maximumLineBytes: 400)
        return lines.map { bytes in
            bytes.withUnsafeBufferPointer { line in
                if checker.settleFormat(on: line) { return nil }
                var verdict: EventLineChecker.Verdict?
                checker.check(line) { found, _, _ in verdict = found }
                return verdict
            }
        }
    }

    @Test("every reject has the collector's reason, field and explanation; good lines are accepted at their time")
    func sameAsCollector() throws {
        // The dirty lines the collector's reconciliation test uses, except the over-long one (the reader's to report).
        var lines = RejectAccountingTests.dirty.filter { $0.0 != .lineTooLong }.map { Array($0.1.utf8) }
        let invalid = lines.firstIndex { String(decoding: $0, as: UTF8.self).contains("\u{FFFD}") }!
        lines[invalid] = Array(#"{"user_id":"u"#.utf8) + [0x80] + Array(#"","event":"purchase","timestamp":"2026-11-02T01:00:00Z"}"#.utf8)
        lines.append(Array(RejectAccountingTests.good.utf8))
        lines.append(Array(#"{"user_id":"u9","event":"signup","timestamp":"2026-11-02T00:00:00Z","experiment":"other","variant":"z"}"#.utf8))
        let plan = RejectAccountingTests.plan(maximumLineBytes: 400)

        let rejectsPath = FileManager.default.temporaryDirectory.appendingPathComponent("checker-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: rejectsPath) }
        let rejects = try RejectWriter(path: rejectsPath)
        let collector = try EventCollector(plan: plan, rejects: rejects)
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: [0x0A]))))
        _ = collector.finish()
        rejects.flush()
        let records = try String(contentsOfFile: rejectsPath, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }

        let verdicts = Self.verdicts(lines, plan: plan)
        let rejected = verdicts.compactMap { verdict -> (String, String?, String)? in
            guard case let .rejected(reason, field, detail)? = verdict else { return nil }
            return (reason.rawValue, field, detail)
        }
        #expect(rejected.count == records.count && records.count == lines.count - 2)
        for (found, record) in zip(rejected, records) {
            #expect(found.0 == record["reason"] as? String)
            #expect(found.1 == record["field"] as? String)
            #expect(found.2 == record["detail"] as? String)
        }
        #expect(verdicts[verdicts.count - 2] == .accepted(time: 1_793_577_600_000))
        #expect(verdicts[verdicts.count - 1] == .otherExperiment(time: 1_793_577_600_000))
    }

    @Test("without a plan: default names, no value or variant rules; each file settles its own format")
    func withoutPlan() {
        let json = [#"{"user_id":"u1","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"anything","value":"n/a"}"#]
        #expect(Self.verdicts(json.map { Array($0.utf8) }, plan: nil) == [.accepted(time: 1_793_577_600_000)])
        var checker = EventLineChecker(plan: nil)
        for (text, header) in [("userId,name,ts", true), ("u1,signup,1762041600", false)] {
            Array(text.utf8).withUnsafeBufferPointer { line in
                #expect(checker.settleFormat(on: line) == header)
                if !header { checker.check(line) { verdict, _, quote in #expect(verdict == .accepted(time: 1_762_041_600_000) && quote == 0x2C) } }
            }
        }
        #expect(checker.csvColumns == ["userId", "name", "ts"])
        checker.startFile()
        #expect(checker.csvColumns == nil)
    }
}
