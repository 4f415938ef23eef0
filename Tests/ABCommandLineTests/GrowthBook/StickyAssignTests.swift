import ABAssign
import ABEvents
@testable import ABCommandLine
import Foundation
import Testing

/// Writes an experiment file into a fresh temporary file and returns its path.
func writeExperiment(_ json: String) throws -> String {
    let path = tempPath("experiment.json")
    try json.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Each record's variant (or `nil`) and reason, by user id, from JSON-lines output.
func recordsByUser(_ output: String) throws -> [String: (variant: String?, reason: String, sendAt: JSONValue?)] {
    var found: [String: (variant: String?, reason: String, sendAt: JSONValue?)] = [:]
    for line in output.split(separator: "\n") {
        let record = try JSONParser.parse(String(line))
        found[record["id"]!.stringValue!] = (record["variant"]?.stringValue, record["reason"]!.stringValue!, record["sendAt"])
    }
    return found
}

@Suite("abkit assign --sticky-store")
struct StickyAssignTests {
    static let users = (0..<2_000).map { "user-\($0)" }

    static func experiment(_ a: Double, _ b: Double, assignment extra: String = "") -> String {
        """
        {"id": "sticky-demo", "unit": "id", "assignment": {"seed": "sticky-demo"\(extra)},
         "variants": [{"key": "A", "weight": \(a), "control": true}, {"key": "B", "weight": \(b)}]}
        """
    }

    func assign(_ experiment: String, store: String?, users: [String] = Self.users) throws -> [String: (variant: String?, reason: String, sendAt: JSONValue?)] {
        let file = try writeExperiment(experiment)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (code, out, err) = runAssign(AssignOptions(experimentFiles: [file], input: "-", stickyStore: store),
                                         stdin: users.joined(separator: "\n") + "\n")
        #expect(code == 0, "\(err)")
        return try recordsByUser(out)
    }

    @Test("50/50 then 20/80 with the same seed keeps every user's first variant; bumping bucketVersion re-buckets; minBucketVersion excludes",
          arguments: ["buckets.json", "buckets.sqlite"])
    func weightChange(storeName: String) throws {
        let store = tempPath(storeName)
        defer {
            for suffix in ["", ".lock", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        }
        let first = try assign(Self.experiment(0.5, 0.5), store: store)
        #expect(first.count == Self.users.count && first.values.allSatisfy { $0.reason == "assigned" })

        // Without the store the new weights move users: the check below can fail.
        let moved = try assign(Self.experiment(0.2, 0.8), store: nil)
        let switched = Self.users.filter { moved[$0]!.variant != first[$0]!.variant }.count
        #expect(switched > 300)

        let sticky = try assign(Self.experiment(0.2, 0.8), store: store)
        #expect(Self.users.allSatisfy { sticky[$0]!.variant == first[$0]!.variant })
        #expect(sticky.values.allSatisfy { $0.reason == "sticky-bucket" })

        // A new bucket version re-buckets everyone by the current weights.
        let rebucketed = try assign(Self.experiment(0.2, 0.8, assignment: #", "bucketVersion": 1"#), store: store)
        #expect(Self.users.allSatisfy { rebucketed[$0]!.variant == moved[$0]!.variant })
        #expect(rebucketed.values.allSatisfy { $0.reason == "assigned" })

        // minBucketVersion 2 blocks everyone bucketed at versions 0 or 1; a new user still enters.
        let blocked = try assign(Self.experiment(0.2, 0.8, assignment: #", "bucketVersion": 2, "minBucketVersion": 2"#), store: store,
                                 users: Self.users + ["newcomer"])
        #expect(Self.users.allSatisfy { blocked[$0]!.reason == "sticky-bucket-blocked" && blocked[$0]!.variant == nil })
        #expect(blocked["newcomer"]?.reason == "assigned")
    }

    @Test("two runs assigning into one store at once lose no user's bucket", arguments: ["buckets.json", "buckets.db"])
    func concurrentRuns(storeName: String) throws {
        let store = tempPath(storeName)
        defer {
            for suffix in ["", ".lock", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        }
        let file = try writeExperiment(Self.experiment(0.5, 0.5))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let halves = [Array(Self.users.prefix(1_000)), Array(Self.users.suffix(1_000))]
        let codes = Codes()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let (code, _, _) = runAssign(AssignOptions(experimentFiles: [file], input: "-", stickyStore: store),
                                         stdin: halves[i].joined(separator: "\n"))
            codes.set(i, code)
        }
        #expect(codes.all == [0, 0])
        let after = try assign(Self.experiment(0.2, 0.8), store: store)
        #expect(Self.users.allSatisfy { after[$0]!.reason == "sticky-bucket" })
    }

    @Test("stickyBucketing false ignores the store")
    func optOut() throws {
        let store = tempPath("buckets.json")
        defer { try? FileManager.default.removeItem(atPath: store); try? FileManager.default.removeItem(atPath: store + ".lock") }
        _ = try assign(Self.experiment(0.5, 0.5), store: store)
        let off = try assign(Self.experiment(0.2, 0.8, assignment: #", "stickyBucketing": false"#), store: store)
        let plain = try assign(Self.experiment(0.2, 0.8), store: nil)
        #expect(Self.users.allSatisfy { off[$0]!.variant == plain[$0]!.variant })
    }
}

/// Exit codes collected from concurrent runs.
final class Codes: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [Int: Int32] = [:]
    func set(_ i: Int, _ code: Int32) { lock.lock(); codes[i] = code; lock.unlock() }
    var all: [Int32] { lock.lock(); defer { lock.unlock() }; return codes.keys.sorted().map { codes[$0]! } }
}
