import ABSummary
import Foundation
import Testing
@testable import ABEvents

/// The lower tail of real-valued metrics: a lower winsorizing quantile and a fixed `floor`, for
/// sum, mean and count metrics. Expected sums are written out from numpy's default (linear)
/// percentiles of the per-unit values: np.percentile([-50, 10, 20, 30, 40], [10, 25, 75]) = [-26, 10, 30]
/// and, floored at 0, np.percentile([0, 10, 20, 30, 40], 10) = 4.
@Suite("Event collector: lower-tail winsorizing and a floor")
struct LowerTailCappingTests {
    // Per-unit amounts: a: −50 (a refund), 10, 20; b: 30, 40. Clicks: a: 0, 1, 2; b: 3, 10.
    static let lines: [String] = {
        let units: [(String, String, Double, Int)] = [("u1", "a", -50, 0), ("u2", "a", 10, 1), ("u3", "a", 20, 2), ("u4", "b", 30, 3), ("u5", "b", 40, 10)]
        var lines: [String] = []
        for (user, variant, amount, clicks) in units {
            lines.append(#"{"user_id":"\#(user)","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"\#(variant)"}"#)
            lines.append(#"{"user_id":"\#(user)","event":"buy","timestamp":"2026-11-02T01:00:00Z","amount":\#(amount)}"#)
            for _ in 0..<clicks { lines.append(#"{"user_id":"\#(user)","event":"click","timestamp":"2026-11-02T02:00:00Z"}"#) }
        }
        return lines
    }()

    static func collect(_ metrics: [MetricPlan]) throws -> [String: SummaryMetric] {
        let plan = CollectorPlan(experiment: "exp", variants: ["a", "b"], exposureEvent: "signup", metrics: metrics)
        let collector = try EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8), name: "tail.jsonl"))
        return Dictionary(uniqueKeysWithValues: collector.finish().metrics.map { ($0.id, $0) })
    }

    @Test("sum and mean: lower and upper quantiles, a floor, and a floor before a lower quantile")
    func sums() throws {
        let metrics = try Self.collect([
            MetricPlan(id: "both", kind: .sum(event: "buy", value: "amount"), winsorize: (0.25, 0.75)),
            MetricPlan(id: "lower", kind: .mean(event: "buy", value: "amount"), winsorize: (0.1, nil)),
            MetricPlan(id: "floor", kind: .sum(event: "buy", value: "amount"), floor: 0),
            MetricPlan(id: "floorLower", kind: .sum(event: "buy", value: "amount"), winsorize: (0.1, nil), floor: 0),
            MetricPlan(id: "raw", kind: .sum(event: "buy", value: "amount")),
        ])
        // [10, 10, 20] and [30, 30].
        #expect(metrics["both"]?.variants.map(\.sum) == [40, 60])
        #expect(metrics["both"]?.variants.map(\.sumSquares) == [600, 1800])
        // −50 raised to the 10th percentile, −26.
        #expect(metrics["lower"]?.variants.map(\.sum) == [4, 70])
        #expect(metrics["floor"]?.variants.map(\.sum) == [30, 70])
        #expect(metrics["floor"]?.variants.map(\.sumSquares) == [500, 2500])
        // Floored first, then the 10th percentile of [0, 10, 20, 30, 40] is 4.
        #expect(metrics["floorLower"]?.variants.map(\.sum) == [34, 70])
        #expect(metrics["raw"]?.variants.map(\.sum) == [-20, 70])
    }

    @Test("count: a lower quantile raises the units below it")
    func counts() throws {
        let metrics = try Self.collect([MetricPlan(id: "clicks", kind: .count(event: "click"), winsorize: (0.25, nil))])
        // np.percentile([0, 1, 2, 3, 10], 25) = 1: [1, 1, 2] and [3, 10].
        #expect(metrics["clicks"]?.variants.map(\.sum) == [4, 13])
    }
}
