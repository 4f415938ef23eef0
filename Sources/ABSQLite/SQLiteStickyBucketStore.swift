import ABAssign
import Foundation
internal import GRDB

/// A sticky-bucket store in a SQLite database: one row per (identifier, assignment key) in
/// table `sticky_buckets`, so saving is an upsert of the document's rows and never rewrites
/// another experiment's or another user's assignment.
///
/// Saves run in an immediate transaction and every connection waits on a busy database (WAL
/// journal, busy timeout), so several processes can assign into one file at once and none
/// loses an assignment.
public final class SQLiteStickyBucketStore: StickyBucketStore, Sendable {
    /// The database file.
    public let path: String
    private let queue: DatabaseQueue

    /// How long a connection waits for another process's transaction before failing: long, since a
    /// writer holding the lock on a saturated machine (a CI run) can be off the CPU for many seconds.
    public static let busyTimeout: TimeInterval = 120

    /// Opens (creating when needed) the database at `path` and its `sticky_buckets` table.
    public init(path: String) throws(StickyBucketStoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        // Opening races with another process creating the file or switching it to WAL: SQLite can
        // answer "database is locked" there without waiting on the busy handler, so retry until
        // the same deadline a busy transaction would have.
        let deadline = Date().addingTimeInterval(Self.busyTimeout)
        var opened: DatabaseQueue?
        while opened == nil {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try queue.writeWithoutTransaction { db in
                    // WAL lets readers go on while one process writes; the pragma is persistent.
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    try db.execute(sql: """
                        CREATE TABLE IF NOT EXISTS sticky_buckets (
                            attribute_name TEXT NOT NULL,
                            attribute_value TEXT NOT NULL,
                            assignment_key TEXT NOT NULL,
                            variation TEXT NOT NULL,
                            PRIMARY KEY (attribute_name, attribute_value, assignment_key)
                        ) WITHOUT ROWID
                        """)
                }
                opened = queue
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            } catch {
                throw Self.failure(error, path: path)
            }
        }
        queue = opened!
    }

    /// The stored document for an identifier, or `nil` when it has no rows.
    public func document(attributeName: String, attributeValue: String) throws(StickyBucketStoreError) -> StickyBucketDocument? {
        let rows: [Row]
        do {
            rows = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT assignment_key, variation FROM sticky_buckets WHERE attribute_name = ? AND attribute_value = ?",
                                 arguments: [attributeName, attributeValue])
            }
        } catch {
            throw Self.failure(error, path: path)
        }
        guard !rows.isEmpty else { return nil }
        var assignments: [String: String] = [:]
        for row in rows {
            let key: String = row["assignment_key"], variation: String = row["variation"]
            assignments[key] = variation
        }
        return StickyBucketDocument(attributeName: attributeName, attributeValue: attributeValue, assignments: assignments)
    }

    /// Upserts the document's assignments, one row each, in one transaction.
    public func save(_ document: StickyBucketDocument) throws(StickyBucketStoreError) {
        try save(contentsOf: [document])
    }

    /// Upserts the assignments of several documents in one transaction (one fsync for a
    /// whole batch of users).
    public func save(contentsOf documents: [StickyBucketDocument]) throws(StickyBucketStoreError) {
        guard !documents.isEmpty else { return }
        do {
            try queue.writeWithoutTransaction { db in
                // Immediate: take the write lock up front, so the busy timeout applies instead
                // of a deferred transaction failing when it upgrades its lock.
                try db.inTransaction(.immediate) {
                    let statement = try db.cachedStatement(sql: """
                        INSERT INTO sticky_buckets (attribute_name, attribute_value, assignment_key, variation)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (attribute_name, attribute_value, assignment_key) DO UPDATE SET variation = excluded.variation
                        """)
                    for document in documents {
                        for (key, variation) in document.assignments.sorted(by: { $0.key < $1.key }) {
                            try statement.execute(arguments: [document.attributeName, document.attributeValue, key, variation])
                        }
                    }
                    return .commit
                }
            }
        } catch {
            throw Self.failure(error, path: path)
        }
    }

    private static func failure(_ error: any Error, path: String) -> StickyBucketStoreError {
        // SQLite's own message ("database is locked"), without GRDB's wrapper.
        let message = (error as? DatabaseError)?.message ?? "\(error)"
        return StickyBucketStoreError(kind: .io, path: path, message: message)
    }
}
