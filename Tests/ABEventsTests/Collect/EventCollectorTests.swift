import ABSummary
import ABTestSupport
import ABAssign
import Foundation
import Testing
@testable import ABEvents

/// A hand-computed event log: every metric type, window edges, time zones, re-assignment,
/// drift, exclusions and duplicates, with the expected value of each unit written out.
@Suite("Event collector: hand-computed metrics and accounting")
struct EventCollectorTests {
    static let day: Int64 = 86_400_000
    static let hour: Int64 = 3_600_000

    static func plan() throws -> CollectorPlan {
        let assigner = try ExperimentConfig(
            key: "exp", variants: [Variant(key: "a", weight: 0.5, isControl: true), Variant(key: "b", weight: 0.5)], seed: "exp")
        return CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "signup", assigner: assigner,
            metrics: [
                MetricPlan(id: "conv", kind: .conversion(event: "activate"), windowMilliseconds: day),
                MetricPlan(id: "cnt", kind: .count(event: "session"), windowMilliseconds: 2 * day),
                MetricPlan(id: "rev", kind: .sum(event: "purchase", value: "amount"), windowMilliseconds: 2 * day),
                MetricPlan(id: "ret", kind: .retention(event: "session", firstDay: 1, lastDay: 1)),
                MetricPlan(id: "fun", kind: .funnel(steps: ["profile", "activate", "invite"]), windowMilliseconds: 2 * day),
                MetricPlan(id: "rat", kind: .ratio(numerator: "open", denominator: "send", value: nil)),
                MetricPlan(id: "tte", kind: .timeToEvent(event: "activate"), windowMilliseconds: 2 * day),
            ],
            dimensions: ["country"])
    }

    /// T = 2026-11-02T00:00:00Z.
    static let lines: [String] = [
        // u1, variant a, exposed at T.
        #"{"event_id":"1","user_id":"u1","event":"signup","timestamp":"2026-11-02T00:00:00Z","experiment":"exp","variant":"a","country":"US"}"#,
        #"{"event_id":"2","user_id":"u1","event":"activate","timestamp":"2026-11-03T00:00:00Z"}"#,  // exactly 1 day: counts
        #"{"event_id":"3","user_id":"u1","event":"session","timestamp":"2026-11-02T01:00:00Z"}"#,
        #"{"event_id":"4","user_id":"u1","event":"session","timestamp":"2026-11-03T01:00:00Z"}"#,  // day 1
        #"{"event_id":"5","user_id":"u1","event":"session","timestamp":"2026-11-04T01:00:00Z"}"#,  // 49 h: outside every window
        #"{"event_id":"6","user_id":"u1","event":"purchase","timestamp":"2026-11-02T01:00:00Z","amount":10}"#,
        #"{"event_id":"7","user_id":"u1","event":"purchase","timestamp":"2026-11-01T23:00:00Z","amount":5}"#,  // before exposure
        #"{"event_id":"8","user_id":"u1","event":"profile","timestamp":"2026-11-02T02:00:00Z"}"#,
        #"{"event_id":"9","user_id":"u1","event":"invite","timestamp":"2026-11-03T01:00:00Z"}"#,
        #"{"event_id":"10","user_id":"u1","event":"open","timestamp":1793577600}"#,  // epoch seconds
        #"{"event_id":"11","user_id":"u1","event":"open","timestamp":1793577600000}"#,  // epoch milliseconds
        #"{"event_id":"12","user_id":"u1","event":"send","timestamp":"2026-11-02T00:00:00Z"}"#,
        #"{"event_id":"13","user_id":"u1","event":"send","timestamp":"2026-11-02T00:00:00Z"}"#,
        #"{"event_id":"14","user_id":"u1","event":"send","timestamp":"2026-11-02T00:00:00Z"}"#,
        #"{"event_id":"2","user_id":"u1","event":"activate","timestamp":"2026-11-03T00:00:00Z"}"#,  // duplicate id
        // u2, variant b, exposed at T+1h, written with a +01:00 offset.
        #"{"event_id":"20","userId":"u2","event":"signup","ts":"2026-11-02T02:00:00+01:00","experiment":"exp","variant":"b","country":"CA"}"#,
        #"{"event_id":"21","user_id":"u2","event":"activate","timestamp":"2026-11-03T01:00:00.001Z"}"#,  // 1 day + 1 ms: not converted
        #"{"event_id":"22","user_id":"u2","event":"session","timestamp":"2026-11-02T20:00:00-05:00"}"#,  // exactly 24 h: day 1
        #"{"event_id":"23","user_id":"u2","event":"purchase","timestamp":"2026-11-02T02:00:00Z","amount":"20"}"#,
        #"{"event_id":"24","user_id":"u2","event":"profile","timestamp":"2026-11-02T03:00:00Z"}"#,
        #"{"event_id":"25","user_id":"u2","event":"invite","timestamp":"2026-11-02T04:00:00Z"}"#,  // before activate: step 3 not reached
        #"{"event_id":"26","user_id":"u2","event":"send","timestamp":"2026-11-02T05:00:00Z"}"#,
        // u3, variant b, exposed at T+2h, nothing else; its last event sets the end of observation.
        #"{"event_id":"30","user_id":"u3","event":"signup","timestamp":"2026-11-02T02:00:00Z","experiment":"exp","variant":"b","country":"US"}"#,
        #"{"event_id":"31","user_id":"u3","event":"page_view","timestamp":"2026-11-12T00:00:00Z"}"#,
        // u4 is logged in both variants: excluded.
        #"{"event_id":"40","user_id":"u4","event":"signup","timestamp":"2026-11-02T00:00:00Z","experiment":"exp","variant":"a","country":"BR"}"#,
        #"{"event_id":"41","user_id":"u4","event":"signup","timestamp":"2026-11-02T00:10:00Z","experiment":"exp","variant":"b"}"#,
        #"{"event_id":"42","user_id":"u4","event":"activate","timestamp":"2026-11-02T01:00:00Z"}"#,
        // u5: eligibility only (no variant): re-assigned.
        #"{"event_id":"50","user_id":"u5","event":"signup","timestamp":"2026-11-02T05:00:00Z","country":"DE"}"#,
        #"{"event_id":"51","user_id":"u5","event":"activate","timestamp":"2026-11-02T06:00:00Z"}"#,
        // u6: another experiment's exposure.
        #"{"event_id":"60","user_id":"u6","event":"signup","timestamp":"2026-11-02T00:00:00Z","experiment":"other","variant":"x"}"#,
        // u7: logged in a at T+3h, eligible at T+2h: drift is checked; its session at T+2.5h precedes exposure.
        #"{"event_id":"70","user_id":"u7","event":"signup","timestamp":"2026-11-02T02:00:00Z"}"#,
        #"{"event_id":"71","user_id":"u7","event":"signup","timestamp":"2026-11-02T03:00:00Z","experiment":"exp","variant":"a","country":"US"}"#,
        #"{"event_id":"72","user_id":"u7","event":"session","timestamp":"2026-11-02T02:30:00Z"}"#,
    ]

    static func collect(_ lines: [String]) throws -> CollectionResult {
        let collector = try EventCollector(plan: try plan(), rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8), name: "fixture.jsonl"))
        return collector.finish()
    }

    func metric(_ result: CollectionResult, _ id: String) throws -> SummaryMetric {
        try #require(result.metrics.first { $0.id == id })
    }

    @Test("every metric per variant matches the hand computation")
    func metrics() throws {
        let result = try Self.collect(Self.lines)
        let assigner = try #require(try Self.plan().assigner)
        let u5 = try #require(assigner.outcome(id: "u5").variationIndex)  // 0 = a, 1 = b
        let u7Drifts = assigner.outcome(id: "u7").variationIndex != 0

        // Units: a = u1, u7 (+u5); b = u2, u3 (+u5).
        let units = [2 + (u5 == 0 ? 1 : 0), 2 + (u5 == 1 ? 1 : 0)]
        #expect(result.unitsPerVariant == units)

        // Per unit (u1, u2, u3, u5, u7):
        // conv 1 0 0 1 0 · cnt 2 1 0 0 0 · rev 10 20 0 0 0 · ret 1 1 0 0 0 · funnel reached 3 2 0 0 0
        // ratio (open/send) 2/3 0/1 0/0 0/0 0/0 · tte 1440 obs, 1441 obs, 2880 cens, 60 obs, 2880 cens
        func perVariant(_ u1: Double, _ u2: Double, _ u3: Double, _ u5v: Double, _ u7: Double) -> [Double] {
            [u1 + u7 + (u5 == 0 ? u5v : 0), u2 + u3 + (u5 == 1 ? u5v : 0)]
        }
        let conv = try metric(result, "conv")
        #expect(conv.type == .proportion)
        #expect(conv.variants.map { Double($0.conversions!) } == perVariant(1, 0, 0, 1, 0))
        #expect(conv.variants.map(\.units) == units)
        let cnt = try metric(result, "cnt")
        #expect(cnt.variants.map { $0.sum! } == perVariant(2, 1, 0, 0, 0))
        #expect(cnt.variants.map { $0.sumSquares! } == perVariant(4, 1, 0, 0, 0))
        let rev = try metric(result, "rev")
        #expect(rev.variants.map { $0.sum! } == perVariant(10, 20, 0, 0, 0))
        #expect(rev.variants.map { $0.sumSquares! } == perVariant(100, 400, 0, 0, 0))
        let ret = try metric(result, "ret")
        #expect(ret.variants.map { Double($0.conversions!) } == perVariant(1, 1, 0, 0, 0))

        // Funnel: each step from exposure, and from the previous step.
        let step1 = try metric(result, "fun.profile"), step2 = try metric(result, "fun.activate"), step3 = try metric(result, "fun.invite")
        #expect(step1.variants.map { Double($0.conversions!) } == perVariant(1, 1, 0, 0, 0))
        #expect(step2.variants.map { Double($0.conversions!) } == perVariant(1, 1, 0, 0, 0))
        #expect(step3.variants.map { Double($0.conversions!) } == perVariant(1, 0, 0, 0, 0))
        let step3Rate = try metric(result, "fun.invite.stepRate")
        #expect(step3Rate.variants.map(\.units) == [1, 1])
        #expect(step3Rate.funnel == FunnelPosition(funnel: "fun", step: 3, event: "invite", basis: .previousStep))
        #expect(result.metrics.first { $0.id == "fun.profile.stepRate" } == nil)

        let rat = try metric(result, "rat")
        #expect(rat.variants.map { $0.ratio!.numerator } == perVariant(2, 0, 0, 0, 0))
        #expect(rat.variants.map { $0.ratio!.denominator } == perVariant(3, 1, 0, 0, 0))
        #expect(rat.variants.map { $0.ratio!.cross } == perVariant(6, 0, 0, 0, 0))
        #expect(rat.variants.map { $0.ratio!.denominatorSquares } == perVariant(9, 1, 0, 0, 0))

        let tte = try metric(result, "tte")
        let a = try #require(tte.variants[0].survival), b = try #require(tte.variants[1].survival)
        var expectedA = [SurvivalPoint(time: 1440, events: 1, censored: 0), SurvivalPoint(time: 2880, events: 0, censored: 1)]
        var expectedB = [SurvivalPoint(time: 1441, events: 1, censored: 0), SurvivalPoint(time: 2880, events: 0, censored: 1)]
        if u5 == 0 { expectedA.insert(SurvivalPoint(time: 60, events: 1, censored: 0), at: 0) } else {
            expectedB.insert(SurvivalPoint(time: 60, events: 1, censored: 0), at: 0)
        }
        #expect(a == expectedA)
        #expect(b == expectedB)

        // The accounting reconciles.
        let acc = result.accounting
        #expect(acc.linesRead == Self.lines.count)
        #expect(acc.duplicates == 1)
        #expect(acc.rejected == 0)
        #expect(acc.accepted == Self.lines.count - 1)
        #expect(acc.otherExperimentExposures == 1)
        #expect(acc.eventsBeforeExposure == 2)
        #expect(acc.eventsOutsideWindow == 1)
        #expect(acc.eventsWithoutUnit == 1)
        #expect(acc.excludedUnits == [.multipleVariants: 1])
        #expect(acc.assignmentDriftChecked == 1)
        #expect(acc.assignmentDrift == (u7Drifts ? 1 : 0))
        #expect(acc.units == 5)
    }

    @Test("dimension slices split every metric by the exposure line's attribute, labels sorted")
    func dimensions() throws {
        let result = try Self.collect(Self.lines)
        let slices = result.metrics.filter { $0.metric == "conv" && $0.dimension != nil }
        #expect(slices.map { $0.dimension!.value } == ["CA", "DE", "US"])  // BR belongs to the excluded u4 only
        let us = try metric(result, "conv[country=US]")
        #expect(us.variants.map(\.units) == [2, 1])  // u1, u7 | u3
        #expect(us.variants.map(\.conversions) == [1, 0])
    }

    @Test("shuffling the lines never changes a result")
    func shuffleInvariance() throws {
        let reference = try Self.collect(Self.lines)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20 {
            // The duplicate pair must keep its first line first for the same line to be dropped; both are identical here.
            let shuffled = Self.lines.shuffled(using: &generator)
            let result = try Self.collect(shuffled)
            #expect(result == reference)
        }
    }
}
