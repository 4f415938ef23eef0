/// A namespace: experiments sharing an `id` with disjoint ranges are mutually exclusive.
///
/// As in GrowthBook, a user's position in a namespace is the version 1 hash of the user's
/// hash value under the seed `"__" + id`.
public struct Namespace: Sendable, Hashable {
    /// The namespace id shared by mutually exclusive experiments.
    public var id: String
    /// The share of the namespace this experiment takes, as [start, end).
    public var range: BucketRange
    @usableFromInline let hasher: SeededHash

    /// Creates a namespace slot [start, end) of namespace `id`.
    public init(id: String, start: Double, end: Double) {
        self.id = id
        self.range = BucketRange(start: start, end: end)
        self.hasher = SeededHash(seed: "__" + id, version: .v1)
    }

    /// The user's position in the namespace.
    @inlinable
    public func position(of hashValue: String) -> Double { hasher.hash(hashValue) }

    /// Whether a user with `hashValue` falls in this experiment's slot of the namespace.
    @inlinable
    public func contains(_ hashValue: String) -> Bool { contains(bucket: hasher.bucket(hashValue)) }

    /// Whether a user whose bucket under this namespace's hasher is `bucket` falls in the slot.
    @inlinable
    public func contains(bucket: UInt32) -> Bool { range.contains(hasher.hash(bucket: bucket)) }
}
