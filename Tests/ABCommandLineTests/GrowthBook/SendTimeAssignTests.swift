import ABAssign
import ABEvents
@testable import ABCommandLine
import Foundation
import Testing

@Suite("abkit assign: send times")
struct SendTimeAssignTests {
    static let experiment = """
        {"id": "timing", "unit": "id", "assignment": {"seed": "timing", "timezone": "Europe/Berlin"},
         "variants": [{"key": "now", "weight": 0.25, "message": {"channel": "email"}},
                      {"key": "later", "weight": 0.25, "message": {"delay": "P1DT2H"}},
                      {"key": "morning", "weight": 0.25, "message": {"sendAt": "09:00", "timezone": "user"}},
                      {"key": "tokyo", "weight": 0.25, "message": {"sendAt": "09:00", "timezone": "Asia/Tokyo"}}]}
        """
    static let users = (0..<400).map { "u\($0)" }

    /// Exposed on the evening before the US spring-forward (2026-03-08): 09:00 in New York is
    /// 14:00Z the day before and 13:00Z after.
    static let exposure = "2026-03-07T20:00:00Z"
    static let expected: [String: String] = [
        "now": "2026-03-07T20:00:00Z", "later": "2026-03-08T22:00:00Z",
        "morning": "2026-03-08T13:00:00Z", "tokyo": "2026-03-08T00:00:00Z",
    ]

    @Test("records carry the UTC send time in the user's zone, DST included, the same through every input path")
    func resolved() throws {
        let file = try writeExperiment(Self.experiment)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let input = Self.users.map { #"{"id": "\#($0)", "attributes": {"timezone": "America/New_York"}}"# }.joined(separator: "\n")
        let (code, out, err) = runAssign(AssignOptions(experimentFiles: [file], input: "-", exposedAt: Self.exposure), stdin: input)
        #expect(code == 0, "\(err)")
        let records = try recordsByUser(out)
        #expect(Set(records.values.compactMap(\.variant)) == Set(Self.expected.keys))
        for (_, record) in records { #expect(record.sendAt == .string(Self.expected[record.variant!]!)) }

        // Plain ids (the fast path) have no zone: "morning" falls back to the experiment's Berlin (08:00Z).
        let plain = try recordsByUser(runAssign(AssignOptions(experimentFiles: [file], input: "-", exposedAt: Self.exposure),
                                                stdin: Self.users.joined(separator: "\n")).1)
        for (_, record) in plain {
            #expect(record.sendAt == .string(record.variant == "morning" ? "2026-03-08T08:00:00Z" : Self.expected[record.variant!]!))
        }

        // A line's exposedAt wins over the flag; CSV has the column.
        let own = runAssign(AssignOptions(experimentFiles: [file], input: "-", format: .csv, exposedAt: "2030-01-01T00:00:00Z"),
                            stdin: #"{"id": "u1", "exposedAt": "2026-03-07T20:00:00Z", "attributes": {"timezone": "America/New_York"}}"#)
        let rows = own.1.split(separator: "\n")
        #expect(rows.first == "id,experiment,inExperiment,variant,variationIndex,hashValue,reason,message,sendAt")
        #expect(rows.count == 2 && rows[1].hasSuffix("," + Self.expected[records["u1"]!.variant!]!))
    }

    @Test("without --exposed-at or exposedAt the run stops with a usage error; a bad exposedAt is rejected")
    func exposureRequired() throws {
        let file = try writeExperiment(Self.experiment)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let single = runAssign(AssignOptions(experimentFiles: [file], user: "u1"))
        #expect(single.0 == 64 && single.2.contains("give --exposed-at TIMESTAMP"))
        let stream = runAssign(AssignOptions(experimentFiles: [file], input: "-"), stdin: #"{"id": "u1", "exposedAt": "2026-03-07T20:00:00Z"}"# + "\nu2\n")
        #expect(stream.0 == 64 && stream.2.contains("-:2:"))
        let bad = runAssign(AssignOptions(experimentFiles: [file], input: "-", exposedAt: Self.exposure), stdin: #"{"id": "u1", "exposedAt": "yesterday"}"#)
        #expect(bad.0 == 0 && bad.1.isEmpty && bad.2.contains("bad-timestamp: 1"))
        #expect(runAssign(AssignOptions(experimentFiles: [file], user: "u1", exposedAt: "2026-03-07 20:00")).0 == 64)
    }

    @Test("UTC timestamps are written as ISO 8601 with milliseconds only when needed")
    func utcText() {
        #expect(ExposureTime.utcString(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(ExposureTime.utcString(Date(timeIntervalSince1970: 1_772_913_600)) == "2026-03-07T20:00:00Z")
        #expect(ExposureTime.utcString(Date(timeIntervalSince1970: 951_782_400.25)) == "2000-02-29T00:00:00.250Z")
        #expect(ExposureTime.utcString(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}
