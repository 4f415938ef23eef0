import ABSummary
import ABTestSupport
import ABAssign
import Foundation
import Testing
@testable import ABEvents

/// Whole mutated logs (JSONL and CSV, newlines and headers mutated too) through the collector,
/// with targeting (so exposure lines are parsed twice: by the scanner and by JSONParser): no
/// trap, every line accounted for once, and the same result whatever the order of the lines.
@Suite("Fuzz: mutated event logs through the collector")
struct EventCollectorFuzzTests {
    static func plan() throws -> CollectorPlan {
        let condition = try JSONParser.parse(#"{"country": {"$in": ["US", "CA"]}}"#)
        let assigner = try ExperimentConfig(
            key: "exp", variants: [Variant(key: "a", weight: 0.5, isControl: true), Variant(key: "b", weight: 0.5)], seed: "exp",
            targeting: try TargetingCondition(condition), hashAttribute: "user_id")
        return CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "signup", assigner: assigner,
            metrics: [
                MetricPlan(id: "conv", kind: .conversion(event: "buy"), windowMilliseconds: 3_600_000),
                MetricPlan(id: "rev", kind: .sum(event: "buy", value: "amount")),
                MetricPlan(id: "f", kind: .funnel(steps: ["view", "buy", "view"]), windowMilliseconds: 7_200_000),
                MetricPlan(id: "tte", kind: .timeToEvent(event: "buy")),
            ],
            dimensions: ["country"], maximumLineBytes: 600)
    }

    static func lines<G: RandomNumberGenerator>(_ g: inout G, csv: Bool) -> [String] {
        let events = ["signup", "buy", "view", "other"]
        return (0..<Int.random(in: 1...24, using: &g)).map { _ in
            let user = "u\(Int.random(in: 0..<6, using: &g))", event = events.randomElement(using: &g)!
            let time = 1_793_577_600 + Int.random(in: 0..<8, using: &g) * 900
            let variant = event == "signup" && Bool.random(using: &g) ? ["a", "b", "c"].randomElement(using: &g)! : ""
            let country = ["US", "CA", "GB", ""].randomElement(using: &g)!
            let amount = event == "buy" ? ["1.5", "20", "-3", "n/a", ""].randomElement(using: &g)! : ""
            if csv { return "\(user),\(event),\(time),\(variant),\(country),\(amount)" }
            var fields = [#""user_id":"\#(user)""#, #""event":"\#(event)""#, #""timestamp":\#(time)"#]
            if !variant.isEmpty { fields.append(#""variant":"\#(variant)""#) }
            if !country.isEmpty { fields.append(#""country":"\#(country)""#) }
            if !amount.isEmpty { fields.append(#""amount":\#(amount == "n/a" ? "\"n/a\"" : amount)"#) }
            return "{" + fields.shuffled(using: &g).joined(separator: ",") + "}"
        }
    }

    static func collect(_ bytes: [UInt8]) throws -> CollectionResult {
        let collector = try EventCollector(plan: plan(), rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: bytes, name: "fuzz.log"))
        return collector.finish()
    }

    static func check(_ bytes: [UInt8], _ context: @autoclosure () -> String) throws {
        let result = try collect(bytes)
        let a = result.accounting
        #expect(a.linesRead == a.accepted + a.rejected + a.duplicates, "lines unaccounted for: \(context())")
        // The same lines in reverse order, but for the first non-blank one, which settles the
        // format (and may be a CSV header): the same result.
        var split = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if split.last?.isEmpty == true { split.removeLast() }
        let first = (split.firstIndex { line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } } ?? -1) + 1
        let reordered = Array(split[..<first]) + split[first...].reversed()
        let again = try collect(Array(reordered.joined(separator: [0x0A])))
        #expect(again.metrics == result.metrics && again.unitsPerVariant == result.unitsPerVariant, "line order changed the result: \(context())")
    }

    /// Each iteration runs two collectors (some milliseconds each), hence the short CI run.
    @Test("mutated JSONL and CSV logs")
    func logs() throws {
        let seed = Fuzz.seed(0x15_000A), iterations = Fuzz.iterations(120)
        var g = SplitMix64(seed: seed)
        for i in 0..<iterations {
            let csv = Int.random(in: 0..<3, using: &g) == 0
            let body = Self.lines(&g, csv: csv)
            var bytes = Array(((csv ? ["user_id,event,timestamp,variant,country,amount"] : []) + body).joined(separator: "\n").utf8)
            bytes = Fuzz.mutate(bytes, edits: 4, using: &g)
            try Self.check(bytes, "seed \(seed) iteration \(i): \(Fuzz.describe(bytes))")
        }
    }
}
