/// A global holdout: a share of users kept out of every experiment that names the holdout.
///
/// A user is held out when the version 2 hash of their hash value under the seed
/// `"__holdout__" + id` is below `share`. Every experiment of a namespace names the same
/// holdout id (by default the namespace id), so the same users are held out of all of them.
public struct Holdout: Sendable, Hashable {
    /// The holdout id shared by the experiments it covers.
    public var id: String
    /// The share of users held out, in [0, 1].
    public var share: Double
    @usableFromInline let hasher: SeededHash

    /// What the holdout's hash seed starts with; the id follows.
    public static let seedPrefix = "__holdout__"

    /// Creates a holdout of `share` of the users under `id`.
    public init(id: String, share: Double) {
        self.id = id
        self.share = share
        self.hasher = SeededHash(seed: Self.seedPrefix + id, version: .v2)
    }

    /// Whether a user with `hashValue` is held out.
    @inlinable
    public func holdsOut(_ hashValue: String) -> Bool { holdsOut(bucket: hasher.bucket(hashValue)) }

    /// Whether a user whose bucket under this holdout's hasher is `bucket` is held out.
    @inlinable
    public func holdsOut(bucket: UInt32) -> Bool { hasher.hash(bucket: bucket) < share }
}
