import ABSummary
import Foundation
import Testing
@testable import ABEvents

/// The timeline metric by UTC exposure day, from a hand-made log whose units per day are written out.
@Suite("Event collector: timeline by exposure day")
struct TimelineCollectionTests {
    static let day: Int64 = 86_400_000

    static func plan(timeline: String?) -> CollectorPlan {
        CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "signup",
            metrics: [
                MetricPlan(id: "conv", kind: .conversion(event: "activate"), windowMilliseconds: 7 * day),
                MetricPlan(id: "rev", kind: .sum(event: "purchase", value: "amount"), windowMilliseconds: 7 * day),
                MetricPlan(id: "fun", kind: .funnel(steps: ["activate", "purchase"])),
            ],
            // Long after the data: every 7-day window has closed, so no unit is maturing (MaturityCollectionTests).
            observationEnd: 1_893_456_000_000, timelineMetric: timeline)
    }

    static let lines: [String] = [
        // 2026-11-02: a1 (converts, buys 10), a2 (23:59:59.999, nothing); b1 (converts), b2 (22:00Z written at +07:00, buys 4 and 6).
        #"{"user_id":"a1","event":"signup","timestamp":"2026-11-02T10:00:00Z","experiment":"exp","variant":"a"}"#,
        #"{"user_id":"a1","event":"activate","timestamp":"2026-11-02T11:00:00Z"}"#,
        #"{"user_id":"a1","event":"purchase","timestamp":"2026-11-03T11:00:00Z","amount":10}"#,
        #"{"user_id":"a2","event":"signup","timestamp":"2026-11-02T23:59:59.999Z","experiment":"exp","variant":"a"}"#,
        #"{"user_id":"b1","event":"signup","timestamp":"2026-11-02T00:00:00Z","experiment":"exp","variant":"b"}"#,
        #"{"user_id":"b1","event":"activate","timestamp":"2026-11-05T00:00:00Z"}"#,
        #"{"user_id":"b2","event":"signup","timestamp":"2026-11-03T05:00:00+07:00","experiment":"exp","variant":"b"}"#,
        #"{"user_id":"b2","event":"purchase","timestamp":"2026-11-03T01:00:00Z","amount":4}"#,
        #"{"user_id":"b2","event":"purchase","timestamp":"2026-11-03T02:00:00Z","amount":6}"#,
        // 2026-11-03: a3 at midnight exactly (converts); no b.
        #"{"user_id":"a3","event":"signup","timestamp":"2026-11-03T00:00:00Z","experiment":"exp","variant":"a"}"#,
        #"{"user_id":"a3","event":"activate","timestamp":"2026-11-03T00:30:00Z"}"#,
        // 2026-11-04: b3, whose second exposure line (11-05) does not move its day; no a.
        #"{"user_id":"b3","event":"signup","timestamp":"2026-11-05T09:00:00Z","experiment":"exp","variant":"b"}"#,
        #"{"user_id":"b3","event":"signup","timestamp":"2026-11-04T12:00:00Z","experiment":"exp","variant":"b"}"#,
        #"{"user_id":"b3","event":"purchase","timestamp":"2026-11-06T12:00:00Z","amount":2.5}"#,
        // Not units: c in both variants, d eligible without an assigner.
        #"{"user_id":"c","event":"signup","timestamp":"2026-11-02T01:00:00Z","experiment":"exp","variant":"a"}"#,
        #"{"user_id":"c","event":"signup","timestamp":"2026-11-02T02:00:00Z","experiment":"exp","variant":"b"}"#,
        #"{"user_id":"d","event":"signup","timestamp":"2026-11-06T02:00:00Z"}"#,
    ]

    static func collect(_ lines: [String], timeline: String?) throws -> CollectionResult {
        let collector = try EventCollector(plan: plan(timeline: timeline), rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8), name: "timeline.jsonl"))
        return collector.finish()
    }

    @Test("a conversion metric: units and conversions per UTC exposure day and variant, not cumulative")
    func conversionByDay() throws {
        let result = try Self.collect(Self.lines, timeline: "conv")
        #expect(result.accounting.rejected == 0)
        let timeline = try #require(result.timeline)
        #expect(timeline.metric == "conv" && timeline.type == .proportion)
        #expect(timeline.days.map(\.date) == ["2026-11-02", "2026-11-03", "2026-11-04"])
        let expected: [[(units: Int, conversions: Int)]] = [[(2, 1), (2, 1)], [(1, 1), (0, 0)], [(0, 0), (1, 0)]]
        for (day, rows) in zip(timeline.days, expected) {
            #expect(day.variants.map(\.key) == ["a", "b"])
            #expect(day.variants.map(\.units) == rows.map(\.units), "\(day.date)")
            #expect(day.variants.map(\.conversions) == rows.map(\.conversions), "\(day.date)")
        }
        // The days add up to the metric's overall statistics.
        let overall = try #require(result.metrics.first { $0.id == "conv" })
        for v in 0..<2 {
            #expect(timeline.days.reduce(0) { $0 + $1.variants[v].units } == overall.variants[v].units)
            #expect(timeline.days.reduce(0) { $0 + $1.variants[v].conversions! } == overall.variants[v].conversions)
        }
    }

    @Test("a sum metric: units, sum and sum of squares per day; the same whatever the line order")
    func sumByDay() throws {
        let result = try Self.collect(Self.lines, timeline: "rev")
        let timeline = try #require(result.timeline)
        #expect(timeline.type == .mean)
        let expected: [[(units: Int, sum: Double, squares: Double)]] = [
            [(2, 10, 100), (2, 10, 100)],  // a1 10, a2 0; b1 0, b2 4 + 6
            [(1, 0, 0), (0, 0, 0)],
            [(0, 0, 0), (1, 2.5, 6.25)],
        ]
        for (day, rows) in zip(timeline.days, expected) {
            #expect(day.variants.map(\.units) == rows.map(\.units), "\(day.date)")
            #expect(day.variants.map(\.sum) == rows.map(\.sum), "\(day.date)")
            #expect(day.variants.map(\.sumSquares) == rows.map(\.squares), "\(day.date)")
        }
        #expect(try Self.collect(Self.lines.reversed(), timeline: "rev").timeline == timeline)
    }

    @Test("no timeline without a timeline metric, or for a funnel")
    func absent() throws {
        #expect(try Self.collect(Self.lines, timeline: nil).timeline == nil)
        #expect(try Self.collect(Self.lines, timeline: "fun").timeline == nil)
        #expect(try Self.collect(Self.lines, timeline: "unknown").timeline == nil)
    }

    @Test("UTC dates of days since 1970, before the epoch and on leap days", arguments: [
        (Int64(20759), "2026-11-02"), (19782, "2024-02-29"), (11017, "2000-03-01"), (0, "1970-01-01"), (-1, "1969-12-31"),
        (-25508, "1900-03-01"),
    ])
    func dates(day: Int64, date: String) {
        #expect(UTCDay.date(ofDay: day) == date)
    }

    @Test("days of millisecond times round down, also before 1970")
    func days() {
        #expect(UTCDay.day(ofMilliseconds: 0) == 0)
        #expect(UTCDay.day(ofMilliseconds: Self.day - 1) == 0)
        #expect(UTCDay.day(ofMilliseconds: Self.day) == 1)
        #expect(UTCDay.day(ofMilliseconds: -1) == -1)
        #expect(UTCDay.day(ofMilliseconds: -Self.day) == -1)
        #expect(UTCDay.day(ofMilliseconds: -Self.day - 1) == -2)
    }
}
