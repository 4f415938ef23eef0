import ABAssign
import Foundation
import Testing

/// The in-memory and JSON-file sticky-bucket stores.
@Suite("Sticky-bucket stores")
final class StickyBucketStoreTests {
    /// A directory of this test's own, removed when the test ends.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("abassign-sticky-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func temporaryPath(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test("keys follow GrowthBook's formats")
    func keys() {
        #expect(StickyBucketDocument.key(attributeName: "id", attributeValue: "u1") == "id||u1")
        #expect(StickyBucketDocument.assignmentKey(experiment: "welcome", bucketVersion: 3) == "welcome__3")
    }

    @Test("saving merges assignments into the stored document", arguments: [false, true])
    func merges(file: Bool) throws {
        let store: any StickyBucketStore = file ? FileStickyBucketStore(path: temporaryPath("s.json")) : InMemoryStickyBucketStore()
        #expect(try store.document(attributeName: "id", attributeValue: "u1") == nil)
        try store.save(StickyBucketDocument(attributeName: "id", attributeValue: "u1", assignments: ["a__0": "x"]))
        try store.save(StickyBucketDocument(attributeName: "id", attributeValue: "u1", assignments: ["b__0": "y"]))
        try store.save(StickyBucketDocument(attributeName: "id", attributeValue: "u1", assignments: ["a__0": "z"]))
        let doc = try #require(try store.document(attributeName: "id", attributeValue: "u1"))
        #expect(doc.assignments == ["a__0": "z", "b__0": "y"])
        let both = try store.documents(for: ["id": "u1", "deviceId": "d9"])
        #expect(Array(both.keys) == ["id||u1"])
    }

    @Test("the file holds GrowthBook's document shape and survives a new store instance")
    func fileFormat() throws {
        let path = temporaryPath("s.json")
        try FileStickyBucketStore(path: path).save(StickyBucketDocument(attributeName: "id", attributeValue: "u\"1", assignments: ["e__1": "t"]))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "{\"id||u\\\"1\":{\"attributeName\":\"id\",\"attributeValue\":\"u\\\"1\",\"assignments\":{\"e__1\":\"t\"}}}\n")
        #expect(try FileStickyBucketStore(path: path).document(attributeName: "id", attributeValue: "u\"1")?.assignments == ["e__1": "t"])
        // No temporary files are left behind.
        let dir = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["s.json", "s.json.lock"])
    }

    @Test("a corrupt file is reported, not overwritten")
    func corrupt() throws {
        let path = temporaryPath("s.json")
        try "{\"id||u1\": 5}".write(toFile: path, atomically: true, encoding: .utf8)
        let store = FileStickyBucketStore(path: path)
        #expect(throws: StickyBucketStoreError.self) { try store.document(attributeName: "id", attributeValue: "u1") }
        do {
            try store.save(StickyBucketDocument(attributeName: "id", attributeValue: "u2", assignments: ["e__0": "a"]))
            Issue.record("saving over a corrupt file succeeded")
        } catch {
            #expect(error.kind == .corrupt)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"id||u1\": 5}")
    }

    @Test("concurrent writers through separate store instances lose no assignment")
    func concurrentWriters() throws {
        let path = temporaryPath("s.json")
        let writers = 8, perWriter = 25
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            // A store per writer: its own lock descriptor, as another process would have.
            let store = FileStickyBucketStore(path: path)
            for k in 0..<perWriter {
                // Every writer updates the same shared user and one of its own.
                try! store.save(StickyBucketDocument(attributeName: "id", attributeValue: "shared", assignments: ["exp-\(w)-\(k)__0": "v\(k % 3)"]))
                try! store.save(StickyBucketDocument(attributeName: "id", attributeValue: "user-\(w)", assignments: ["exp-\(k)__0": "v\(w)"]))
            }
        }
        let all = try FileStickyBucketStore(path: path).allDocuments()
        #expect(all.count == writers + 1)
        #expect(all["id||shared"]?.assignments.count == writers * perWriter)
        for w in 0..<writers { #expect(all["id||user-\(w)"]?.assignments.count == perWriter) }
    }

    @Test("writers in other processes lose no assignment")
    func otherProcesses() throws {
        // Python writers follow the store's protocol (flock on <file>.lock, read, merge, write
        // a temporary file, rename) while this process writes through FileStickyBucketStore.
        let path = temporaryPath("s.json")
        let script = """
            import fcntl, json, os, sys
            path, tag = sys.argv[1], sys.argv[2]
            for k in range(40):
                with open(path + ".lock", "a+") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    docs = json.load(open(path)) if os.path.exists(path) else {}
                    doc = docs.setdefault("id||shared", {"attributeName": "id", "attributeValue": "shared", "assignments": {}})
                    doc["assignments"]["py-%s-%d__0" % (tag, k)] = "v"
                    tmp = "%s.tmp-py-%d" % (path, os.getpid())
                    with open(tmp, "w") as f:
                        json.dump(docs, f)
                    os.rename(tmp, path)
            """
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let processes = (0..<3).map { i -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            p.arguments = ["-c", script, path, "\(i)"]
            return p
        }
        for p in processes { try p.run() }
        let store = FileStickyBucketStore(path: path)
        for k in 0..<40 {
            try store.save(StickyBucketDocument(attributeName: "id", attributeValue: "shared", assignments: ["swift-\(k)__0": "v"]))
        }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let doc = try #require(try store.document(attributeName: "id", attributeValue: "shared"))
        #expect(doc.assignments.count == 40 + 3 * 40)
    }

    @Test("a sticky user keeps a variation across evaluators sharing a file store")
    func stickyThroughFile() throws {
        let path = temporaryPath("s.json")
        let meta = [VariationMeta(key: "control"), VariationMeta(key: "treatment")]
        var first = GrowthBookExperiment(key: "e", variations: ["a", "b"], weights: [0.5, 0.5], hashVersion: 2, meta: meta)
        var kept = 0
        for u in 0..<50 {
            var e1 = GrowthBookEvaluator(attributes: JSONValue.attributes(["id": .string("u\(u)")]), stickyBucketStore: FileStickyBucketStore(path: path))
            let before = try e1.run(first)
            first.weights = [0.01, 0.99]
            var e2 = GrowthBookEvaluator(attributes: JSONValue.attributes(["id": .string("u\(u)")]), stickyBucketStore: FileStickyBucketStore(path: path))
            let after = try e2.run(first)
            first.weights = [0.5, 0.5]
            if after.variationId == before.variationId, after.stickyBucketUsed { kept += 1 }
        }
        #expect(kept == 50)
    }
}
