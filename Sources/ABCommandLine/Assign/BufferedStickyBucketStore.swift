import ABAssign
import ABSQLite
import Foundation

/// A sticky-bucket store for one `abkit assign` run over a file or SQLite store: reads see the
/// run's own saves at once, and saves reach the underlying store in batches (one locked
/// rewrite of a JSON file, one transaction in SQLite), so a million users cost a few hundred
/// writes instead of a million.
///
/// A JSON file is read once up front; SQLite is read per user. Batches are merges (the file's
/// lock, SQLite's upsert), so a concurrent run's assignments are kept.
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
    /// Saves not yet written, by document key.
    private var pending: [String: StickyBucketDocument] = [:]

    /// How many documents wait before a batch is written.
    package static let batchSize = 10_000

    /// Opens the store at `path`: SQLite for a `.sqlite`, `.sqlite3` or `.db` suffix, else a
    /// JSON file (created on the first save).
    package init(path: String) throws(StickyBucketStoreError) {
        self.path = path
        let suffix = (path as NSString).pathExtension.lowercased()
        if ["sqlite", "sqlite3", "db"].contains(suffix) {
            let store = try SQLiteStickyBucketStore(path: path)
            read = { (name, value) throws(StickyBucketStoreError) in try store.document(attributeName: name, attributeValue: value) }
            saveBatch = { (documents) throws(StickyBucketStoreError) in try store.save(contentsOf: documents) }
            known = [:]
            knowsAll = false
        } else {
            let store = FileStickyBucketStore(path: path)
            read = { (name, value) throws(StickyBucketStoreError) in try store.document(attributeName: name, attributeValue: value) }
            saveBatch = { (documents) throws(StickyBucketStoreError) in try store.save(contentsOf: documents) }
            known = try store.allDocuments()
            knowsAll = true
        }
    }

    /// The document for an identifier, with this run's saves merged in.
    package func document(attributeName: String, attributeValue: String) throws(StickyBucketStoreError) -> StickyBucketDocument? {
        let key = StickyBucketDocument.key(attributeName: attributeName, attributeValue: attributeValue)
        lock.lock()
        defer { lock.unlock() }
        if let doc = known[key] { return doc }
        if knowsAll { return nil }
        let doc = try read(attributeName, attributeValue)
        if let doc { known[key] = doc }
        return doc
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

    private func writePending() throws(StickyBucketStoreError) {
        guard !pending.isEmpty else { return }
        let batch = pending.keys.sorted().compactMap { pending[$0] }
        pending = [:]
        try saveBatch(batch)
    }
}
