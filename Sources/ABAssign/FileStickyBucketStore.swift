import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sticky-bucket store in one JSON file, `{"attr||value": document, …}`, shared safely by
/// threads and processes.
///
/// Every save takes an exclusive `flock` on `<file>.lock`, re-reads the file, merges the
/// document, writes the whole map to a temporary file beside it and renames it over the file.
/// Readers therefore always see a complete file, and concurrent writers (in this process or
/// others) queue on the lock, so no writer's assignments overwrite another's.
public final class FileStickyBucketStore: StickyBucketStore, Sendable {
    /// The JSON file.
    public let path: String
    private let lockPath: String

    /// A store in the file at `path` (created on the first save).
    public init(path: String) {
        self.path = path
        self.lockPath = path + ".lock"
    }

    /// The stored document for an identifier, read under a shared lock.
    public func document(attributeName: String, attributeValue: String) throws(StickyBucketStoreError) -> StickyBucketDocument? {
        let key = StickyBucketDocument.key(attributeName: attributeName, attributeValue: attributeValue)
        return try withLock(LOCK_SH) { () throws(StickyBucketStoreError) in try readAll()[key] }
    }

    /// The stored documents for several identifiers, from one read of the file.
    public func documents(for identifiers: [String: String]) throws(StickyBucketStoreError) -> [String: StickyBucketDocument] {
        let all = try withLock(LOCK_SH) { () throws(StickyBucketStoreError) in try readAll() }
        var found: [String: StickyBucketDocument] = [:]
        for (name, value) in identifiers {
            let key = StickyBucketDocument.key(attributeName: name, attributeValue: value)
            if let doc = all[key] { found[key] = doc }
        }
        return found
    }

    /// Merges `document` into the file under the exclusive lock (read, merge, write, rename).
    public func save(_ document: StickyBucketDocument) throws(StickyBucketStoreError) {
        try save(contentsOf: [document])
    }

    /// Merges several documents in one locked read-merge-write, so a batch of users costs one
    /// rewrite of the file instead of one per user.
    public func save(contentsOf documents: [StickyBucketDocument]) throws(StickyBucketStoreError) {
        guard !documents.isEmpty else { return }
        try withLock(LOCK_EX) { () throws(StickyBucketStoreError) in
            var all = try readAll()
            for document in documents {
                all[document.key, default: StickyBucketDocument(attributeName: document.attributeName, attributeValue: document.attributeValue)]
                    .assignments.merge(document.assignments) { $1 }
            }
            try writeAll(all)
        }
    }

    /// Every stored document, by key.
    public func allDocuments() throws(StickyBucketStoreError) -> [String: StickyBucketDocument] {
        try withLock(LOCK_SH) { () throws(StickyBucketStoreError) in try readAll() }
    }

    private func failure(_ what: String, path: String? = nil) -> StickyBucketStoreError {
        StickyBucketStoreError(kind: .io, path: path ?? self.path, message: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Runs `body` holding `flock(operation)` on the lock file. Each call opens its own
    /// descriptor, so threads of one process exclude each other as processes do.
    private func withLock<T>(_ operation: Int32, _ body: () throws(StickyBucketStoreError) -> T) throws(StickyBucketStoreError) -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot open the lock file", path: lockPath) }
        defer { close(fd) }
        while flock(fd, operation) != 0 {
            guard errno == EINTR else { throw failure("cannot lock", path: lockPath) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func readAll() throws(StickyBucketStoreError) -> [String: StickyBucketDocument] {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw failure("cannot read") }
            return [:]
        }
        let root: JSONValue
        do { root = try JSONParser.parse([UInt8](data)) } catch {
            throw StickyBucketStoreError(kind: .corrupt, path: path, message: "not JSON (\(error))")
        }
        guard case .object(let object) = root else {
            throw StickyBucketStoreError(kind: .corrupt, path: path, message: "expected an object of document key to document, got \(root.typeName)")
        }
        var all: [String: StickyBucketDocument] = [:]
        for (key, value) in object.members {
            all[key] = try StickyBucketDocument(json: value, at: "\(path): \(key)")
        }
        return all
    }

    private func writeAll(_ all: [String: StickyBucketDocument]) throws(StickyBucketStoreError) {
        var out: [UInt8] = []
        JSONWriter.write(.object(JSONObject(all.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value.json) })), into: &out)
        out.append(0x0A)
        // A unique temporary name per writer; only the lock holder writes, but a crashed
        // writer's leftover must never be renamed by the next one.
        let temp = "\(path).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create a temporary file", path: temp) }
        var written = 0
        let ok = out.withUnsafeBytes { bytes -> Bool in
            while written < bytes.count {
                let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok else {
            let error = failure("cannot write", path: temp)
            unlink(temp)
            throw error
        }
        guard rename(temp, path) == 0 else {
            let error = failure("cannot replace the file")
            unlink(temp)
            throw error
        }
        // Make the rename itself durable; a failure here leaves a complete file either way.
        let directory = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }
}
