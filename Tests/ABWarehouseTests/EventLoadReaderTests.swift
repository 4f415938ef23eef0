import ABEvents
import Foundation
import Testing
@testable import ABWarehouse

@Suite("abkit load's line rules and COPY rows")
struct EventLoadReaderTests {
    func rows(_ text: String, plan: CollectorPlan? = nil) throws -> (rows: [String], accounting: CollectionAccounting) {
        let reader = EventLoadReader(sources: [ByteSource(bytes: Array(text.utf8))], plan: plan, rejects: try RejectWriter(path: nil))
        var out: [UInt8] = []
        while let chunk = reader.next(bytes: 16) { out += chunk }
        return (String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init), reader.accounting)
    }

    @Test("JSONL: the collector's rejects, duplicates dropped, fields escaped for COPY")
    func jsonl() throws {
        let text = """
            {"user_id":"u1","event":"signup","timestamp":"2026-11-02T09:30:00.5Z","event_id":"e1","variant":"a"}
            {"user_id":"u1","event":"signup","timestamp":"2026-11-02T09:30:00Z","event_id":"e1"}
            {"event":"x","timestamp":1}
            {"user_id":"u2","event":"x","timestamp":"yesterday"}
            {"user_id":"u2","event":"x","timestamp":1793611800,"note":"tab\\there \\\\ back"}
            {"user_id":"u2","event":"buy","timestamp":1793611800,"amount":"n/a"}
            {"user_id":"u3","event":"signup","timestamp":1793611800,"variant":"z"}
            {"user_id":"u3","event":"signup","timestamp":1793611800,"variant":"z","experiment":"other"}

            {"user_id":
            """
        let loose = try rows(text)
        #expect(loose.accounting.linesRead == 10)
        #expect(loose.accounting.duplicates == 1)
        #expect(loose.accounting.rejectedByReason == [.missingUser: 1, .badTimestamp: 1, .emptyLine: 1, .invalidJSON: 1])
        #expect(loose.rows.count == 5)
        let first = loose.rows[0].split(separator: "\t", omittingEmptySubsequences: false)
        #expect(first[0] == "u1" && first[1] == "signup" && first[2] == "2026-11-02 09:30:00.500+00")
        #expect(first[3] == "e1" && first[4] == "\\N" && first[5] == "a")
        #expect(loose.rows[1].contains("tab\\\\there \\\\\\\\ back"), "JSON escapes stay JSON, then COPY doubles backslashes")
        let plan = CollectorPlan(experiment: "exp", variants: ["a", "b"], exposureEvent: "signup",
                                 metrics: [MetricPlan(id: "m", kind: .sum(event: "buy", value: "amount"))])
        let strict = try rows(text, plan: plan)
        #expect(strict.accounting.rejectedByReason[.nonNumericValue] == 1)
        #expect(strict.accounting.rejectedByReason[.unknownVariant] == 1)
        #expect(strict.accounting.otherExperimentExposures == 1)
        #expect(strict.rows.count == 3)
    }

    @Test("CSV: header names, properties from the other columns, field counts")
    func csv() throws {
        let text = "user_id,event,timestamp,amount,country\nu1,buy,2026-11-02,12.5,US\nu2,buy,2026-11-02,,\"D,E\"\nu3,buy\n"
        let result = try rows(text)
        #expect(result.accounting.rejectedByReason == [.wrongFieldCount: 1])
        #expect(result.rows.count == 2)
        #expect(result.rows[0].hasSuffix("\"amount\":\"12.5\",\"country\":\"US\"}"))
        #expect(result.rows[1].contains("\"amount\":null") && result.rows[1].contains("\"country\":\"D,E\""))
    }
}
