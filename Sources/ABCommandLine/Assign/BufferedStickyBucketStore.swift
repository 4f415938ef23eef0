import ABAssign
import ABPostgres
import ABSQLite
import Foundation

/// A sticky-bucket store for one `abkit assign` run over a file, SQLite or PostgreSQL store:
/// reads see the run's own saves at once, and saves reach the underlying store in batches (one
/// locked rewrite of a JSON file, one transaction in SQLite or PostgreSQL), so a million users
/// cost a few hundred writes instead of a million.
///
/// A JSON file is read once up front; a PostgreSQL table is read for each batch of input lines
/// (``prefetch(_:)``: one query for the documents of thousands of users, so a table of millions
/// is never read whole); SQLite is read per user. Batches are merges (the file's lock, SQL
/// upserts), so a concurrent run's assignments are kept.
package final class BufferedStickyBucketStore: StickyBucketStore, @unchecked Sendable {
    /// The file or database named on the command line.
    package let path: String
    private let lock = NSLock()
    private let read: (String, String) throws(StickyBucketStoreError) -> StickyBucketDocument?
    private let saveBatch: ([StickyBucketDocument]) throws(StickyBucketStoreError) -> Void
    /// Documents already known (a JSON file's whole content, then every save of this run).
    private var known: [String: StickyBucketDocument]
    /// Whether `known` holds every stored document, so a miss needs no read.
    private let knowsAll: Bool
    /// Document keys a prefetch looked for and did not find: a miss needs no read.
    private var absent: Set<String> = []
    /// Reads the documents of one attribute's values at once, for stores read in batches.
    private let readMany: ((String, [String]) throws(StickyBucketStoreError) -> [String: StickyBucketDocument])?

    /// Whether the caller should ``prefetch(_:)`` the documents of each batch of users.
    package var readsInBatches: Bool { readMany != nil }
    /// Saves not yet written, by document key.
    private var pending: [String: StickyBucketDocument] = [:]

    /// How many documents wait before a batch is written.
    package static let batchSize = 10_000

    /// Closes a server connection when the run lets go of the store.
    private let close: () -> Void

    /// Opens the store at `path`: table `abkit_sticky_buckets` of the PostgreSQL database a
    /// `postgres://` URL names (password in PGPASSWORD), SQLite for a `.sqlite`, `.sqlite3` or
    /// `.db` suffix, else a JSON file (created on the first save).
    package init(path: String) throws(StickyBucketStoreError) {
        self.path = path
        let suffix = (path as NSString).pathExtension.lowercased()
        if path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") {
            let store: PostgresStickyBucketStore
            do {
                let location = try PostgresLocation(url: path)
                store = try blocking { try await PostgresStickyBucketStore.open(location) }
            } catch {
                throw Self.storeError(error, path: WarehouseConnector.displayName(path))
            }
            let readMany = { (name: String, values: [String]) throws(StickyBucketStoreError) -> [String: StickyBucketDocument] in
                do { return try blocking { try await store.documents(attributeName: name, values: values) } } catch {
                    throw Self.storeError(error, path: store.description)
                }
            }
            self.readMany = readMany
            read = { (name, value) throws(StickyBucketStoreError) in
                try readMany(name, [value])[StickyBucketDocument.key(attributeName: name, attributeValue: value)]
            }
            known = [:]
            saveBatch = { (documents) throws(StickyBucketStoreError) in
                do { try blocking { try await store.save(contentsOf: documents) } } catch {
                    throw Self.storeError(error, path: store.description)
                }
            }
            close = { try? blocking { await store.close() } }
            knowsAll = false
        } else if ["sqlite", "sqlite3", "db"].contains(suffix) {
            let store = try SQLiteStickyBucketStore(path: path)
            read = { (name, value) throws(StickyBucketStoreError) in try store.document(attributeName: name, attributeValue: value) }
            saveBatch = { (documents) throws(StickyBucketStoreError) in try store.save(contentsOf: documents) }
            known = [:]
            knowsAll = false
            readMany = nil
            close = {}
        } else {
            let store = FileStickyBucketStore(path: path)
            read = { (name, value) throws(StickyBucketStoreError) in try store.document(attributeName: name, attributeValue: value) }
            saveBatch = { (documents) throws(StickyBucketStoreError) in try store.save(contentsOf: documents) }
            known = try store.allDocuments()
            knowsAll = true
            readMany = nil
            close = {}
        }
    }

    /// A server store's failure as a store error (the connection's own errors name the server).
    private static func storeError(_ error: any Error, path: String) -> StickyBucketStoreError {
        error as? StickyBucketStoreError ?? StickyBucketStoreError(kind: .io, path: path, message: error.localizedDescription)
    }

    /// The document for an identifier, with this run's saves merged in.
    package func document(attributeName: String, attributeValue: String) throws(StickyBucketStoreError) -> StickyBucketDocument? {
        let key = StickyBucketDocument.key(attributeName: attributeName, attributeValue: attributeValue)
        lock.lock()
        defer { lock.unlock() }
        if let doc = known[key] { return doc }
        if knowsAll || absent.contains(key) { return nil }
        let doc = try read(attributeName, attributeValue)
        if let doc { known[key] = doc }
        return doc
    }

    /// Reads, in one query per attribute, the documents of `identifiers` this run does not know
    /// yet; later ``document(attributeName:attributeValue:)`` calls for them need no read.
    package func prefetch(_ identifiers: [(attributeName: String, value: String)]) throws(StickyBucketStoreError) {
        guard let readMany else { return }
        lock.lock()
        defer { lock.unlock() }
        var wanted: [String: [String]] = [:]
        var seen = Set<String>()
        for (name, value) in identifiers {
            let key = StickyBucketDocument.key(attributeName: name, attributeValue: value)
            guard known[key] == nil, !absent.contains(key), seen.insert(key).inserted else { continue }
            wanted[name, default: []].append(value)
        }
        for name in wanted.keys.sorted() {
            let values = wanted[name]!
            let found = try readMany(name, values)
            for value in values {
                let key = StickyBucketDocument.key(attributeName: name, attributeValue: value)
                if let doc = found[key] { known[key] = doc } else { absent.insert(key) }
            }
        }
    }

    /// Merges the document into what this run knows and queues it for the next batch.
    package func save(_ document: StickyBucketDocument) throws(StickyBucketStoreError) {
        lock.lock()
        defer { lock.unlock() }
        let key = document.key
        known[key, default: StickyBucketDocument(attributeName: document.attributeName, attributeValue: document.attributeValue)]
            .assignments.merge(document.assignments) { $1 }
        pending[key, default: StickyBucketDocument(attributeName: document.attributeName, attributeValue: document.attributeValue)]
            .assignments.merge(document.assignments) { $1 }
        if pending.count >= Self.batchSize { try writePending() }
    }

    /// Writes every queued save; call once the run is done.
    package func finish() throws(StickyBucketStoreError) {
        lock.lock()
        defer { lock.unlock() }
        try writePending()
    }

    deinit { close() }

    private func writePending() throws(StickyBucketStoreError) {
        guard !pending.isEmpty else { return }
        let batch = pending.keys.sorted().compactMap { pending[$0] }
        pending = [:]
        try saveBatch(batch)
    }
}
