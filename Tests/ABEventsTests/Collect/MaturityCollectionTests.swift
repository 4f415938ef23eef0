import ABSummary
import Foundation
import Testing
@testable import ABEvents

/// A windowed metric counts a unit only once its window has closed by the end of observation;
/// the others are `maturing`. Hand-made log, expected values written out per unit.
@Suite("Event collector: maturing units of windowed metrics")
struct MaturityCollectionTests {
    static let day: Int64 = 86_400_000

    static func plan(observationEnd: Int64? = nil) -> CollectorPlan {
        CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "signup",
            metrics: [
                MetricPlan(id: "conv", kind: .conversion(event: "activate"), windowMilliseconds: 2 * day),
                MetricPlan(id: "ret", kind: .retention(event: "session", firstDay: 1, lastDay: 1)),
                MetricPlan(id: "sessions", kind: .count(event: "session")),
                MetricPlan(id: "tta", kind: .timeToEvent(event: "activate"), windowMilliseconds: 2 * day),
                MetricPlan(id: "fun", kind: .funnel(steps: ["activate", "purchase"]), windowMilliseconds: 2 * day),
            ],
            observationEnd: observationEnd, timelineMetric: "conv")
    }

    // The data end at 2026-11-04T12:00Z (b3's session), so a 2-day window needs exposure by 11-02T12:00Z.
    static let lines: [String] = [
        // a1: mature; activates, buys, and has a session on day 1 (29 h after exposure).
        #"{"user_id":"a1","event":"signup","timestamp":"2026-11-01T00:00:00Z","variant":"a"}"#,
        #"{"user_id":"a1","event":"activate","timestamp":"2026-11-01T01:00:00Z"}"#,
        #"{"user_id":"a1","event":"purchase","timestamp":"2026-11-01T02:00:00Z"}"#,
        #"{"user_id":"a1","event":"session","timestamp":"2026-11-02T05:00:00Z"}"#,
        // a2: exposed a day before the end: maturing, although it already activated.
        #"{"user_id":"a2","event":"signup","timestamp":"2026-11-03T12:00:00Z","variant":"a"}"#,
        #"{"user_id":"a2","event":"activate","timestamp":"2026-11-03T13:00:00Z"}"#,
        // b1: mature, nothing.
        #"{"user_id":"b1","event":"signup","timestamp":"2026-11-01T06:00:00Z","variant":"b"}"#,
        // b2: exactly 2 days before the end: mature; its session at 48 h is after day 1.
        #"{"user_id":"b2","event":"signup","timestamp":"2026-11-02T12:00:00Z","variant":"b"}"#,
        #"{"user_id":"b2","event":"session","timestamp":"2026-11-04T12:00:00Z"}"#,
        // b3: maturing.
        #"{"user_id":"b3","event":"signup","timestamp":"2026-11-04T00:00:00Z","variant":"b"}"#,
        #"{"user_id":"b3","event":"session","timestamp":"2026-11-04T12:00:00Z"}"#,
    ]

    static func collect(observationEnd: Int64? = nil) throws -> CollectionResult {
        let collector = try EventCollector(plan: plan(observationEnd: observationEnd), rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8), name: "mature.jsonl"))
        return collector.finish()
    }

    private func metric(_ result: CollectionResult, _ id: String) throws -> SummaryMetric {
        try #require(result.metrics.first { $0.id == id })
    }

    @Test("units, conversions and maturing per variant for conversion, retention and funnel; count and time to event keep every unit")
    func maturing() throws {
        let result = try Self.collect()
        #expect(result.accounting.units == 5)
        let conv = try metric(result, "conv")
        #expect(conv.variants.map(\.units) == [1, 2] && conv.variants.map(\.conversions) == [1, 0])
        #expect(conv.variants.map(\.maturing) == [1, 1])
        let ret = try metric(result, "ret")
        #expect(ret.variants.map(\.units) == [1, 2] && ret.variants.map(\.conversions) == [1, 0])
        #expect(ret.variants.map(\.maturing) == [1, 1])
        for step in result.metrics where step.metric == "fun" || step.id == "fun" {
            #expect(step.variants.map(\.maturing) == [1, 1], "\(step.id)")
        }
        let reached = try #require(result.metrics.first { $0.funnel?.event == "purchase" && $0.funnel?.basis == .exposure })
        #expect(reached.variants.map(\.units) == [1, 2] && reached.variants.map(\.conversions) == [1, 0])
        let sessions = try metric(result, "sessions")
        #expect(sessions.variants.map(\.units) == [2, 3] && sessions.variants.map(\.sum) == [1, 2])
        #expect(sessions.variants.allSatisfy { $0.maturing == nil })
        let tta = try metric(result, "tta")
        #expect(tta.variants.map(\.units) == [2, 3] && tta.variants.allSatisfy { $0.maturing == nil })
        // a2 activated after an hour; b3 is censored at the end of the data, 12 hours (720 minutes) in.
        #expect(tta.variants[0].survival == [SurvivalPoint(time: 60, events: 2, censored: 0)])
        #expect(tta.variants[1].survival?.first { $0.time == 720 }?.censored == 1)
    }

    @Test("the timeline counts the maturing units on their exposure day, and its days add up to the metric")
    func timeline() throws {
        let result = try Self.collect()
        let days = try #require(result.timeline?.days)
        #expect(days.map(\.date) == ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"])
        #expect(days.map { $0.variants.map(\.units) } == [[1, 1], [0, 1], [0, 0], [0, 0]])
        #expect(days.map { $0.variants.map(\.maturing) } == [[nil, nil], [nil, nil], [1, nil], [nil, 1]])
        let conv = try metric(result, "conv")
        for v in 0..<2 {
            #expect(days.reduce(0) { $0 + $1.variants[v].units } == conv.variants[v].units)
            #expect(days.reduce(0) { $0 + ($1.variants[v].maturing ?? 0) } == conv.variants[v].maturing)
        }
    }

    @Test("an explicit end of observation: later, every window has closed; earlier, more units wait")
    func explicitEnd() throws {
        let later = try Self.collect(observationEnd: 1_793_577_600_000 + 30 * Self.day)
        let conv = try metric(later, "conv")
        #expect(conv.variants.map(\.units) == [2, 3] && conv.variants.map(\.conversions) == [2, 0])
        #expect(conv.variants.allSatisfy { $0.maturing == nil })
        // 2026-11-03T00:00Z: only units exposed by 11-01T00:00Z (a1) have a closed 2-day window.
        let earlier = try Self.collect(observationEnd: 1_793_664_000_000)
        let early = try metric(earlier, "conv")
        #expect(early.variants.map(\.units) == [1, 0] && early.variants.map(\.maturing) == [1, 3])
    }
}
