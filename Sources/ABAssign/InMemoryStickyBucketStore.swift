import Foundation

/// A sticky-bucket store held in memory, safe to share between threads; for tests and for
/// processes that assign and keep users for their own lifetime.
public final class InMemoryStickyBucketStore: StickyBucketStore, @unchecked Sendable {
    // Guarded by `lock`; NSLock because Mutex needs macOS 15 and the package supports 13.
    private var docs: [String: StickyBucketDocument]
    private let lock = NSLock()

    /// Creates a store holding `documents`.
    public init(_ documents: [StickyBucketDocument] = []) {
        docs = [:]
        for doc in documents { save(doc) }
    }

    /// The stored document for an identifier.
    public func document(attributeName: String, attributeValue: String) -> StickyBucketDocument? {
        lock.withLock { docs[StickyBucketDocument.key(attributeName: attributeName, attributeValue: attributeValue)] }
    }

    /// Merges `document`'s assignments into the stored document.
    public func save(_ document: StickyBucketDocument) {
        lock.withLock {
            docs[document.key, default: StickyBucketDocument(attributeName: document.attributeName, attributeValue: document.attributeValue)]
                .assignments.merge(document.assignments) { $1 }
        }
    }

    /// Every stored document, by key.
    public var allDocuments: [String: StickyBucketDocument] { lock.withLock { docs } }
}
