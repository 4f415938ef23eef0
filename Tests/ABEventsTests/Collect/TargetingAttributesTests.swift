import ABSummary
import ABAssign
import ABTestSupport
import Foundation
import Testing
@testable import ABEvents

@Suite("Targeting sees the exposure line's fields, in JSONL and in CSV")
struct TargetingAttributesTests {
    static func plan() throws -> CollectorPlan {
        let condition = try JSONParser.parse(#"{"days_inactive": {"$gte": 14}, "unsubscribed": {"$ne": true}, "country": {"$in": ["US", "007"]}}"#)
        let assigner = try ExperimentConfig(
            key: "exp", variants: [Variant(key: "a", weight: 0.5, isControl: true), Variant(key: "b", weight: 0.5)], seed: "exp",
            targeting: try TargetingCondition(condition), hashAttribute: "user_id")
        return CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "eligible", assigner: assigner,
            metrics: [MetricPlan(id: "back", kind: .conversion(event: "session"))])
    }

    /// Eligibility lines only (no logged variant), so every unit's variant comes from targeting and the hash.
    static let rows: [(user: String, days: String, unsubscribed: String, country: String)] = (0..<400).map { i in
        ("u\(i)", ["3", "14", "30", ""][i % 4], ["true", "false", ""][i % 3], ["US", "CA", "007"][i % 3])
    }

    static func collect(_ text: String) throws -> CollectionResult {
        let collector = try EventCollector(plan: plan(), rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(text.utf8)))
        return collector.finish()
    }

    @Test("a CSV log gives the units and variants its JSONL twin gives; empty cells are absent, numbers and booleans typed")
    func csvEqualsJSONL() throws {
        var jsonl: [String] = [], csv = ["user_id,event,timestamp,days_inactive,unsubscribed,country"]
        for (i, row) in Self.rows.enumerated() {
            var members = [#""user_id":"\#(row.user)""#, #""event":"eligible""#, #""timestamp":"2026-11-02T00:00:00Z""#]
            if !row.days.isEmpty { members.append(#""days_inactive":\#(row.days)"#) }
            if !row.unsubscribed.isEmpty { members.append(#""unsubscribed":\#(row.unsubscribed)"#) }
            members.append(#""country":"\#(row.country)""#)
            jsonl.append("{" + members.joined(separator: ",") + "}")
            csv.append("\(row.user),eligible,2026-11-02T00:00:00Z,\(row.days),\(row.unsubscribed),\(row.country)")
            if i % 2 == 0 {
                jsonl.append(#"{"user_id":"\#(row.user)","event":"session","timestamp":"2026-11-03T00:00:00Z"}"#)
                csv.append("\(row.user),session,2026-11-03T00:00:00Z,,,")
            }
        }
        let fromJSONL = try Self.collect(jsonl.joined(separator: "\n"))
        let fromCSV = try Self.collect(csv.joined(separator: "\n"))
        #expect(fromCSV == fromJSONL)
        // Admitted: 14 or 30 days inactive (half the rows), not unsubscribed (two thirds), country US or "007" (a string).
        let admitted = Self.rows.filter { ["14", "30"].contains($0.days) && $0.unsubscribed != "true" && $0.country != "CA" }.count
        #expect(fromCSV.accounting.units == admitted && admitted > 0)
        #expect(fromCSV.accounting.excludedUnits[.notInExperiment] == Self.rows.count - admitted)
    }

    /// Found by the collector fuzz test: of two exposure lines at the same time, the first one
    /// read gave targeting its attributes, so reordering a log could move a unit in or out.
    @Test("exposure lines at the same time: the same attributes whichever comes first")
    func tiedExposureLines() throws {
        let us = #"{"user_id":"u1","event":"eligible","timestamp":1793577600,"days_inactive":30,"country":"US"}"#
        let ca = #"{"user_id":"u1","event":"eligible","timestamp":1793577600,"days_inactive":30,"country":"CA"}"#
        let forward = try Self.collect(us + "\n" + ca + "\n"), backward = try Self.collect(ca + "\n" + us + "\n")
        #expect(forward == backward)
        // The object whose JSON text sorts first ("CA" < "US") is the one targeting sees: not admitted.
        #expect(forward.accounting.units == 0 && forward.accounting.excludedUnits[.notInExperiment] == 1)
    }

    /// The collector keeps only the attributes assignment reads (``TargetingCondition/attributeNames``):
    /// each unit must still get what assignment gives from the whole line, parsed on its own.
    @Test("only the attributes targeting reads are kept, and every unit gets the variant its whole line gives",
          arguments: [
              #"{"$or": [{"country": {"$in": ["US", "CA"]}}, {"device.os": "ios"}], "age": {"$gte": 18}, "beta": {"$exists": false}}"#,
              #"{"tags": {"$elemMatch": {"$eq": "vip"}}, "plan": {"$ne": null}}"#,
              #"{"$not": {"score": {"$lt": 1e1}}, "country": {"$regex": "^(U|C)"}}"#,
          ])
    func keptAttributesDecideAsTheWholeLine(condition text: String) throws {
        let condition = try TargetingCondition(try JSONParser.parse(text))
        let assigner = try ExperimentConfig(
            key: "exp", variants: [Variant(key: "a", weight: 0.5, isControl: true), Variant(key: "b", weight: 0.5)], seed: "exp",
            targeting: condition, hashAttribute: "user_id")
        #expect(assigner.attributeNames != nil)
        let plan = CollectorPlan(experiment: "exp", variants: ["a", "b"], exposureEvent: "eligible", assigner: assigner,
                                 metrics: [MetricPlan(id: "back", kind: .conversion(event: "session"))], dimensions: ["country", "city"])
        // The few-values path is the one under test (the whole-line path is the oracle below).
        #expect(EventLineParser(plan: plan).attributeSlots != nil)
        var random = SplitMix64(seed: 11)
        var lines: [String] = [], expected: [String: String] = [:]
        for i in 0..<600 {
            var members = [#""user_id":"u\#(i)""#, #""event":"eligible""#, #""timestamp":"2026-11-02T00:00:00Z""#]
            let options: [[String]] = [
                [#""country":"US""#, #""country":"FR""#, #""country":null"#, #""country":"CA""#, ""],
                [#""device":{"os":"ios"}"#, #""device":{"os":"android"}"#, #""device":"ios""#, ""],
                [#""age":30"#, #""age":"30""#, #""age":12"#, #""age":1.8e1"#, ""],
                [#""beta":true"#, #""beta":null"#, ""],
                [#""tags":["vip","new"]"#, #""tags":[]"#, #""tags":"vip""#, ""],
                [#""plan":"pro""#, #""plan":null"#, ""],
                [#""score":0.5"#, #""score":25"#, #""score":"x""#, ""],
                [#""noise":{"deep":[1,2,{"x":"y"}]}"#, #""note":"caf\u00e9 \"quoted\"""#, ""],
            ]
            for choices in options {
                let pick = choices[Int(random.next() % UInt64(choices.count))]
                if !pick.isEmpty { members.append(pick) }
            }
            let line = "{" + members.joined(separator: ",") + "}"
            lines.append(line)
            // The oracle: the whole line parsed on its own, then assigned.
            guard case .object(let object) = try JSONParser.parse(line) else { Issue.record("not an object"); continue }
            let assignment = assigner.assign(attributes: object)
            if assignment.inExperiment, let index = assignment.variationIndex { expected["u\(i)"] = ["a", "b"][index] }
        }
        let collector = try EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        collector.keepsUnitVariants = true
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8)))
        let result = collector.finish()
        #expect(result.unitVariants == expected)
        #expect(!expected.isEmpty && expected.count < lines.count)
    }
}
