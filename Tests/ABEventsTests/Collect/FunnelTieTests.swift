import ABAssign
import Foundation
import Testing
@testable import ABEvents

/// "Same time allowed" in a funnel: events at one timestamp may complete consecutive steps in
/// step order, each event at most one step, whatever other metrics the plan measures (they decide
/// the collector's internal event codes, and so the order in which tied events sort).
@Suite("Funnel steps at the same timestamp")
struct FunnelTieTests {
    static let t0: Int64 = 1_793_577_600_000

    static func line(_ user: String, _ event: String, _ dt: Int64, variant: String? = nil) -> String {
        let extra = variant.map { #","variant":"\#($0)""# } ?? ""
        return #"{"user_id":"\#(user)","event":"\#(event)","timestamp":\#(t0 + dt)\#(extra)}"#
    }

    /// Units of variant "a" and the depth each must reach in the funnel a → b → a (window 1 h).
    static let cases: [(user: String, events: [(String, Int64)], depth: Int)] = [
        ("tie-ab", [("a", 10), ("b", 10)], 2),
        ("tie-ba", [("b", 10), ("a", 10)], 2),
        ("tie-aab", [("b", 10), ("a", 10), ("a", 10)], 3),  // two a's: one per step
        ("tie-all-then-late-a", [("a", 10), ("b", 10), ("a", 20)], 3),
        ("b-first", [("b", 5), ("a", 10)], 1),  // b before any a never counts
        ("a-b-tied-a-later", [("a", 5), ("b", 10), ("a", 10)], 3),
        ("one-a-only", [("a", 10)], 1),
        ("edge-of-window", [("a", 3_600_000), ("b", 3_600_000)], 2),  // window end is inclusive
        ("past-window", [("a", 10), ("b", 3_600_001)], 1),
        ("nothing", [], 0),
    ]

    /// The funnel's per-step conversions, with the given other metrics listed before it.
    static func stepCounts(otherMetrics: [MetricPlan]) throws -> [Int] {
        let plan = CollectorPlan(
            experiment: "tie", variants: ["a", "z"], exposureEvent: "expose",
            metrics: otherMetrics + [MetricPlan(id: "f", kind: .funnel(steps: ["a", "b", "a"]), windowMilliseconds: 3_600_000)])
        var lines: [String] = []
        for c in cases {
            lines.append(line(c.user, "expose", 0, variant: "a"))
            lines += c.events.map { line(c.user, $0.0, $0.1) }
        }
        // Input order must not matter either: feed the lines reversed.
        let collector = try EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(lines.reversed().joined(separator: "\n").utf8), name: "ties.jsonl"))
        let result = collector.finish()
        return try (1...3).map { s in
            let step = try #require(result.metrics.first { $0.funnel?.step == s && $0.funnel?.basis == .exposure })
            return try #require(step.variants.first?.conversions)
        }
    }

    @Test("the hand-computed depths, with or without metrics that give b a smaller event code than a")
    func independentOfOtherMetrics() throws {
        let expected = (1...3).map { s in Self.cases.filter { $0.depth >= s }.count }
        #expect(expected == [9, 6, 3])
        #expect(try Self.stepCounts(otherMetrics: []) == expected)
        // "b" first: the collector codes b before a, so b sorts first among tied events.
        #expect(try Self.stepCounts(otherMetrics: [MetricPlan(id: "bs", kind: .count(event: "b"))]) == expected)
        #expect(try Self.stepCounts(otherMetrics: [MetricPlan(id: "as", kind: .conversion(event: "a"))]) == expected)
    }
}
