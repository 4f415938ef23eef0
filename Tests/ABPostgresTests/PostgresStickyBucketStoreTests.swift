import ABAssign
import ABEvents
@testable import ABCommandLine
import ABPostgres
import Foundation
import Testing

@Suite("PostgresStickyBucketStore", .serialized, .enabled(if: TestServer.enabled, TestServer.skipMessage))
struct PostgresStickyBucketStoreTests {
    @Test("documents round-trip; a save merges into the stored document instead of replacing it")
    func roundTrip() async throws {
        try await TestServer.withDatabase { url in
            let store = try await PostgresStickyBucketStore.open(try PostgresLocation(url: url))
            try await store.save(contentsOf: [
                StickyBucketDocument(attributeName: "id", attributeValue: "u1", assignments: ["welcome__0": "1"]),
                StickyBucketDocument(attributeName: "id", attributeValue: "u2", assignments: ["welcome__0": "0", "nudge__0": "2"]),
            ])
            try await store.save(contentsOf: [StickyBucketDocument(attributeName: "id", attributeValue: "u1", assignments: ["nudge__0": "0"])])
            let all = try await store.allDocuments()
            #expect(all["id||u1"]?.assignments == ["welcome__0": "1", "nudge__0": "0"])
            #expect(all["id||u2"]?.assignments == ["welcome__0": "0", "nudge__0": "2"])
            let some = try await store.documents(attributeName: "id", values: ["u2", "absent"])
            #expect(Array(some.keys) == ["id||u2"])
            let other = try await store.documents(attributeName: "deviceId", values: ["u1"])
            #expect(other.isEmpty)
            await store.close()
        }
    }

    @Test("sixteen stores opened at once on a new database all open: whichever catalog conflict the losers of CREATE TABLE hit, the table is there")
    func concurrentOpens() async throws {
        for _ in 0..<5 {
            try await TestServer.withDatabase { url in
                let location = try PostgresLocation(url: url)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 {
                        group.addTask { try await PostgresStickyBucketStore.open(location).close() }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }

    @Test("eight connections saving different experiments for the same 500 users at once lose none")
    func concurrentWriters() async throws {
        try await TestServer.withDatabase { url in
            let location = try PostgresLocation(url: url)
            let users = (0..<500).map { "user-\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        let store = try await PostgresStickyBucketStore.open(location)
                        for chunk in stride(from: 0, to: users.count, by: 50) {
                            let documents = users[chunk..<chunk + 50].map {
                                StickyBucketDocument(attributeName: "id", attributeValue: $0, assignments: ["experiment-\(writer)__0": "\(writer % 2)"])
                            }
                            try await store.save(contentsOf: documents)
                        }
                        await store.close()
                    }
                }
                try await group.waitForAll()
            }
            let store = try await PostgresStickyBucketStore.open(location)
            let all = try await store.allDocuments()
            await store.close()
            #expect(all.count == users.count)
            #expect(all.values.allSatisfy { $0.assignments.count == 8 })
        }
    }

    @Test("abkit assign --sticky-store postgres://…: 50/50 then 20/80 keeps every user's first variant; two runs at once lose no bucket")
    func assignKeepsVariants() async throws {
        try await TestServer.withDatabase { url in
            let users = (0..<2_000).map { "user-\($0)" }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("abkit-\(UUID().uuidString)-sticky.json").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            @Sendable func assign(_ a: Double, _ b: Double, store: String?, users: [String]) throws -> [String: (variant: String?, reason: String)] {
                try """
                    {"id": "sticky-demo", "unit": "id", "assignment": {"seed": "sticky-demo"},
                     "variants": [{"key": "A", "weight": \(a), "control": true}, {"key": "B", "weight": \(b)}]}
                    """.write(toFile: file, atomically: true, encoding: .utf8)
                let out = MemoryOutput(), err = MemoryOutput()
                let code = AssignRunner.run(AssignOptions(experimentFiles: [file], input: "-", stickyStore: store),
                                            stdin: MemoryInput(users.joined(separator: "\n") + "\n"), stdout: out, stderr: err)
                #expect(code == 0, "\(err.text)")
                var found: [String: (variant: String?, reason: String)] = [:]
                for line in out.text.split(separator: "\n") {
                    let record = try JSONParser.parse(String(line))
                    found[record["id"]!.stringValue!] = (record["variant"]?.stringValue, record["reason"]!.stringValue!)
                }
                return found
            }
            // Two runs, each with half the users, at once: blocking calls, so off the test's task.
            let halves = [Array(users.prefix(1_000)), Array(users.suffix(1_000))]
            let firstHalves = try await withThrowingTaskGroup(of: [String: (variant: String?, reason: String)].self) { group in
                for half in halves {
                    group.addTask { try await Self.offPool { try assign(0.5, 0.5, store: url, users: half) } }
                }
                var merged: [String: (variant: String?, reason: String)] = [:]
                for try await part in group { merged.merge(part) { a, _ in a } }
                return merged
            }
            #expect(firstHalves.count == users.count)
            let moved = try await Self.offPool { try assign(0.2, 0.8, store: nil, users: users) }
            #expect(users.filter { moved[$0]!.variant != firstHalves[$0]!.variant }.count > 300)
            let sticky = try await Self.offPool { try assign(0.2, 0.8, store: url, users: users) }
            #expect(users.allSatisfy { sticky[$0]!.variant == firstHalves[$0]!.variant && sticky[$0]!.reason == "sticky-bucket" })
        }
    }

    @Test("abkit assign reads the table per batch of lines: 25,000 stored buckets over three batches all stick; a bucket saved after the run opened is seen")
    func readPerBatch() async throws {
        try await TestServer.withDatabase { url in
            let users = (0..<25_000).map { "user-\($0)" }
            let writer = try await PostgresStickyBucketStore.open(try PostgresLocation(url: url))
            try await writer.save(contentsOf: users.map {
                StickyBucketDocument(attributeName: "id", attributeValue: $0, assignments: ["batched__0": "B"])
            })
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("abkit-\(UUID().uuidString)-batched.json").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            // Every new user would get A; the stored bucket says B.
            try """
                {"id": "batched", "unit": "id", "assignment": {"seed": "batched"},
                 "variants": [{"key": "A", "weight": 1, "control": true}, {"key": "B", "weight": 0}]}
                """.write(toFile: file, atomically: true, encoding: .utf8)
            let input = (users + ["newcomer"]).joined(separator: "\n") + "\n"
            let (code, text, errors) = try await Self.offPool {
                let out = MemoryOutput(), err = MemoryOutput()
                let code = AssignRunner.run(AssignOptions(experimentFiles: [file], input: "-", stickyStore: url),
                                            stdin: MemoryInput(input), stdout: out, stderr: err)
                return (code, out.text, err.text)
            }
            #expect(code == 0, "\(errors)")
            var variants: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let record = try JSONParser.parse(String(line))
                variants[record["id"]!.stringValue!] = record["variant"]?.stringValue
            }
            #expect(variants.count == users.count + 1)
            #expect(users.allSatisfy { variants[$0] == "B" })
            #expect(variants["newcomer"] == "A")

            // The buffered store reads when asked, not once at opening: a later save is seen.
            let store = try await Self.offPool { try BufferedStickyBucketStore(path: url) }
            #expect(store.readsInBatches)
            try await writer.save(contentsOf: [StickyBucketDocument(attributeName: "id", attributeValue: "late", assignments: ["batched__0": "B"])])
            let (late, missing) = try await Self.offPool {
                try store.prefetch([(attributeName: "id", value: "late"), (attributeName: "id", value: "nobody")])
                return (try store.document(attributeName: "id", attributeValue: "late"), try store.document(attributeName: "id", attributeValue: "nobody"))
            }
            #expect(late?.assignments == ["batched__0": "B"] && missing == nil)
            await writer.close()
        }
    }

    @Test("an unreachable server is an error naming it, exit 73 like any store that cannot be written")
    func unreachable() throws {
        let experiment = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Experiments/welcome-message-timing.json").path
        let out = MemoryOutput(), err = MemoryOutput()
        let code = AssignRunner.run(AssignOptions(experimentFiles: [experiment], user: "u1",
                                                  stickyStore: "postgres://nobody@127.0.0.1:1/none"),
                                    stdin: MemoryInput(""), stdout: out, stderr: err)
        #expect(code == 73)
        #expect(err.text.contains("127.0.0.1:1") && err.text.contains("connection refused"), "\(err.text)")
    }

    /// Runs blocking work (the runner waits on its own async calls) on a thread of its own.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
