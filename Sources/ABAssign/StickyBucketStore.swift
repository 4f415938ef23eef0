/// Where sticky-bucket assignment documents live between evaluations (GrowthBook's
/// `StickyBucketService`), synchronous so evaluation stays a plain function call.
///
/// A store must make ``save(_:)`` a merge: the document's assignments replace stored ones with
/// the same key and every other stored assignment is kept, so two writers saving different
/// experiments for one user both keep theirs. SQL stores can implement that as an upsert of
/// one row per (key, assignment key).
public protocol StickyBucketStore: Sendable {
    /// The document stored for an identifier, or `nil` when there is none.
    func document(attributeName: String, attributeValue: String) throws(StickyBucketStoreError) -> StickyBucketDocument?

    /// Merges `document`'s assignments into the stored document with the same key.
    func save(_ document: StickyBucketDocument) throws(StickyBucketStoreError)

    /// The documents for several identifiers (attribute name → value), by document key; stores
    /// that can read many rows at once override the one-by-one default.
    func documents(for identifiers: [String: String]) throws(StickyBucketStoreError) -> [String: StickyBucketDocument]
}

extension StickyBucketStore {
    /// Reads each identifier's document in turn.
    public func documents(for identifiers: [String: String]) throws(StickyBucketStoreError) -> [String: StickyBucketDocument] {
        var found: [String: StickyBucketDocument] = [:]
        for (name, value) in identifiers {
            if let doc = try document(attributeName: name, attributeValue: value) { found[doc.key] = doc }
        }
        return found
    }
}

/// Why a sticky-bucket store could not read or save.
public struct StickyBucketStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The storage could not be read or written (permissions, disk, lock).
        case io
        /// The stored data is not valid sticky-bucket JSON.
        case corrupt
    }

    /// What went wrong.
    public var kind: Kind
    /// The file (or, inside it, the document key) concerned.
    public var path: String
    /// What failed and what was expected.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
