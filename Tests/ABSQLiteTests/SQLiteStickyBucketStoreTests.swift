import ABAssign
import ABSQLite
import Foundation
import Synchronization
import Testing

@Suite("SQLite sticky-bucket store")
struct SQLiteStickyBucketStoreTests {
    func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("abkit-\(UUID().uuidString)-\(name)").path
    }

    @Test("SQLite store: concurrent writers with their own connections lose no assignment")
    func sqliteConcurrent() throws {
        let path = tempPath("concurrent.sqlite")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let failures = Counter()
        let messages = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            do {
                let store = try SQLiteStickyBucketStore(path: path)
                for i in 0..<100 {
                    // Every writer saves the same users under its own experiment: a merge must keep all four.
                    try store.save(StickyBucketDocument(attributeName: "id", attributeValue: "u\(i)",
                                                        assignments: ["exp\(writer)__0": "v\(writer)"]))
                }
            } catch {
                failures.add()
                messages.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.value == 0, "\(messages.withLock { $0 })")
        let store = try SQLiteStickyBucketStore(path: path)
        for i in 0..<100 {
            let doc = try store.document(attributeName: "id", attributeValue: "u\(i)")
            #expect(doc?.assignments == ["exp0__0": "v0", "exp1__0": "v1", "exp2__0": "v2", "exp3__0": "v3"])
        }
    }

    @Test("a save merges: other assignments of the identifier stay, the same key is replaced")
    func merge() throws {
        let path = tempPath("merge.sqlite")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStickyBucketStore(path: path)
        #expect(try store.document(attributeName: "id", attributeValue: "u1") == nil)
        try store.save(StickyBucketDocument(attributeName: "id", attributeValue: "u1", assignments: ["a__0": "x", "b__0": "y"]))
        try store.save(StickyBucketDocument(attributeName: "id", attributeValue: "u1", assignments: ["a__0": "z"]))
        #expect(try store.document(attributeName: "id", attributeValue: "u1")?.assignments == ["a__0": "z", "b__0": "y"])
        #expect(try store.document(attributeName: "deviceId", attributeValue: "u1") == nil)
    }
}

/// A thread-safe count for tests.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
