import Testing
@testable import ABEvents

@Suite("Send hour: the exposure_hour dimension")
struct ExposureHourTests {
    @Test("units are split by the UTC hour of their exposure, whatever the offset in the timestamp")
    func hours() throws {
        let plan = CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "signup",
            metrics: [MetricPlan(id: "conv", kind: .conversion(event: "activate"))], dimensions: ["exposure_hour"])
        let lines = [
            #"{"user_id":"u1","event":"signup","timestamp":"2026-11-02T09:15:00Z","variant":"a"}"#,
            #"{"user_id":"u2","event":"signup","timestamp":"2026-11-02T10:59:59+01:00","variant":"b"}"#,  // 09:59:59 UTC
            #"{"user_id":"u3","event":"signup","timestamp":"2026-11-02T23:00:00-02:00","variant":"b"}"#,  // 01:00 UTC next day
            #"{"user_id":"u3","event":"activate","timestamp":"2026-11-03T02:00:00Z"}"#,
        ]
        let collector = try EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8)))
        let slices = collector.finish().metrics.filter { $0.dimension != nil }
        #expect(slices.map(\.id) == ["conv[exposure_hour=01]", "conv[exposure_hour=09]"])
        #expect(slices[0].variants.map(\.units) == [0, 1] && slices[0].variants.map(\.conversions) == [0, 1])
        #expect(slices[1].variants.map(\.units) == [1, 1])
    }
}
