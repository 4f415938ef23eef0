/// GrowthBook's bucketing hash: maps a (seed, value) pair to a number in [0, 1).
public enum GrowthBookHash {
    /// The hash of `value` under `seed`, exactly as GrowthBook's SDKs compute it.
    @inlinable
    public static func hash(seed: String, value: String, version: HashVersion) -> Double {
        switch version {
        case .v1:
            let h = FNV1a.update(FNV1a.update(FNV1a.offsetBasis, with: value), with: seed)
            return Double(h % 1000) / 1000
        case .v2:
            let inner = FNV1a.update(FNV1a.update(FNV1a.offsetBasis, with: seed), with: value)
            let h = FNV1a.update(FNV1a.offsetBasis, withDecimal: inner)
            return Double(h % 10000) / 10000
        }
    }

    /// The hash for a raw GrowthBook version number; `nil` for versions GrowthBook does not know.
    public static func hash(seed: String, value: String, version: Int) -> Double? {
        HashVersion(rawValue: version).map { hash(seed: seed, value: value, version: $0) }
    }
}

/// A seed prepared once so that hashing many values under it allocates nothing.
///
/// Version 2 hashes `seed + value`, so the seed's FNV state is computed once; version 1
/// hashes `value + seed`, so the seed's UTF-16 code units are kept to continue from the value.
public struct SeededHash: Sendable, Hashable {
    /// The seed text.
    public let seed: String
    /// The hash version.
    public let version: HashVersion
    @usableFromInline let seedState: UInt32
    @usableFromInline let seedUnits: [UInt16]

    /// Prepares `seed` for `version`.
    public init(seed: String, version: HashVersion) {
        self.seed = seed
        self.version = version
        self.seedState = FNV1a.update(FNV1a.offsetBasis, with: seed)
        self.seedUnits = Array(seed.utf16)
    }

    /// The hash of `value`, equal to `GrowthBookHash.hash(seed:value:version:)`.
    @inlinable
    public func hash(_ value: String) -> Double {
        switch version {
        case .v1:
            let h = FNV1a.update(FNV1a.update(FNV1a.offsetBasis, with: value), with: seedUnits)
            return Double(h % 1000) / 1000
        case .v2:
            let inner = FNV1a.update(seedState, with: value)
            let h = FNV1a.update(FNV1a.offsetBasis, withDecimal: inner)
            return Double(h % 10000) / 10000
        }
    }
}
