import ABAssign
import ABEvents
@testable import ABCommandLine
import Foundation
import Testing

@Suite("experiment files with GrowthBook fields")
struct GrowthBookFieldTests {
    static let users = (0..<1_000).map { "u\($0)" }

    func assign(_ assignment: String) throws -> (Int32, [String: (variant: String?, reason: String, sendAt: JSONValue?)], String) {
        let file = try writeExperiment("""
            {"id": "fields", "unit": "id", "assignment": {"seed": "fields"\(assignment)},
             "variants": [{"key": "A", "weight": 0.5}, {"key": "B", "weight": 0.5}]}
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (code, out, err) = runAssign(AssignOptions(experimentFiles: [file], input: "-"), stdin: Self.users.joined(separator: "\n"))
        return (code, try recordsByUser(out), err)
    }

    @Test("force gives every bucketed user the variant; active false keeps everyone out")
    func forceAndActive() throws {
        let forced = try assign(#", "force": "B""#)
        #expect(forced.0 == 0 && forced.1.values.allSatisfy { $0.variant == "B" && $0.reason == "forced" })
        let inactive = try assign(#", "active": false"#)
        #expect(inactive.1.values.allSatisfy { $0.variant == nil && $0.reason == "inactive" })
    }

    @Test("explicit ranges replace the weights; filters keep out users hashing outside them")
    func rangesAndFilters() throws {
        let file = try writeExperiment("""
            {"id": "fields", "unit": "id", "assignment": {"seed": "fields", "ranges": [[0, 0.1], [0.1, 1]]},
             "variants": [{"key": "A", "weight": 0.5}, {"key": "B", "weight": 0.5}]}
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (code, out, _) = runAssign(AssignOptions(experimentFiles: [file], input: "-"), stdin: Self.users.joined(separator: "\n"))
        #expect(code == 0)
        for line in out.split(separator: "\n") {
            let record = try JSONParser.parse(String(line))
            let hash = record["hashValue"]!.numberValue!
            #expect(record["variant"]?.stringValue == (hash < 0.1 ? "A" : "B"))
        }
        let filtered = try assign(#", "filters": [{"seed": "other", "ranges": [[0, 0.5]]}]"#)
        let filteredOut = filtered.1.values.filter { $0.reason == "filtered-out" }.count
        #expect(filteredOut > 400 && filteredOut < 600)
        #expect(filtered.1.values.allSatisfy { $0.reason == "filtered-out" || $0.reason == "assigned" })
        // Each user passes exactly when GrowthBook's hash of the filter seed lands in [0, 0.5).
        for user in Self.users {
            let n = GrowthBookHash.hash(seed: "other", value: user, version: 2)!
            #expect((filtered.1[user]!.reason == "filtered-out") == (n >= 0.5))
        }
    }

    @Test("validate and every command refuse bad conditions, unknown time zones and inconsistent GrowthBook fields, naming the JSON path")
    func validation() throws {
        let file = try writeExperiment("""
            {"id": "bad", "unit": "id",
             "assignment": {"targeting": {"country": {"$foo": 1}, "name": {"$regex": "(("}, "tags": {"$in": "x"}},
                            "timezone": "Mars/Olympus", "force": "C", "bucketVersion": 1, "minBucketVersion": 2},
             "variants": [{"key": "A", "weight": 0.5, "message": {"sendAt": "09:00", "timezone": "Europe/Atlantis"}}, {"key": "B", "weight": 0.5}]}
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let out = MemoryOutput(), err = MemoryOutput()
        #expect(ValidateRunner.run(files: [file], stdout: out, stderr: err) == 65)
        let lines = err.text.split(separator: "\n").map(String.init)
        for path in ["assignment.targeting.country.$foo: unknown-operator", "assignment.targeting.name.$regex: invalid-regex",
                     "assignment.targeting.tags.$in: wrong-operand-type", "assignment.timezone: unknown time zone \"Mars/Olympus\"",
                     "variants[0].message.timezone: unknown time zone \"Europe/Atlantis\"", "assignment.force: expected one of the variant keys",
                     "assignment.minBucketVersion: expected at most bucketVersion (1), got 2"] {
            #expect(lines.contains { $0.hasPrefix("\(file): \(path)") }, "\(path) in \(err.text)")
        }
        #expect(runAssign(AssignOptions(experimentFiles: [file], user: "u1")).0 == 65)
    }
}
