import Testing
@testable import ABEvents

@Suite("CUPED covariates from events before exposure")
struct CovariateCollectionTests {
    @Test("the same metric over the covariate window before exposure gives Σx, Σx² and Σxy per variant")
    func preExposureCovariate() throws {
        let day: Int64 = 86_400_000
        let plan = CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "signup",
            metrics: [MetricPlan(id: "sessions", kind: .count(event: "session"), windowMilliseconds: 2 * day, covariateWindowMilliseconds: day)],
            observationEnd: 1_893_456_000_000)  // every window closed: no unit is maturing
        // T = 2026-11-02T00:00:00Z. u1 (a): x = 1 (the session 25 h before is outside the window), y = 1.
        // u2 (b): x = 2, y = 2. u3 (b): x = 0, y = 0.
        let lines = [
            #"{"user_id":"u1","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"a"}"#,
            #"{"user_id":"u1","event":"session","timestamp":"2026-11-01T22:00:00Z"}"#,
            #"{"user_id":"u1","event":"session","timestamp":"2026-10-31T23:00:00Z"}"#,
            #"{"user_id":"u1","event":"session","timestamp":"2026-11-02T01:00:00Z"}"#,
            #"{"user_id":"u2","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"b"}"#,
            #"{"user_id":"u2","event":"session","timestamp":"2026-11-01T23:00:00Z"}"#,
            #"{"user_id":"u2","event":"session","timestamp":"2026-11-01T21:00:00Z"}"#,
            #"{"user_id":"u2","event":"session","timestamp":"2026-11-02T01:00:00Z"}"#,
            #"{"user_id":"u2","event":"session","timestamp":"2026-11-02T02:00:00Z"}"#,
            #"{"user_id":"u3","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"b"}"#,
        ]
        let collector = try EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8)))
        let result = collector.finish()
        let variants = result.metrics[0].variants
        #expect(variants.map(\.sum) == [1, 2])
        let a = try #require(variants[0].covariate), b = try #require(variants[1].covariate)
        #expect((a.sum, a.sumSquares, a.sumProducts) == (1, 1, 1))
        #expect((b.sum, b.sumSquares, b.sumProducts) == (2, 4, 4))
        // Pre-exposure events are still reported as before exposure.
        #expect(result.accounting.eventsBeforeExposure == 4)
    }
}
