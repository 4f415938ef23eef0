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

    /// The number of buckets: GrowthBook's hash is `bucket / scale` (1000 for v1, 10000 for v2).
    @inlinable
    public var scale: UInt32 { version == .v1 ? 1000 : 10000 }

    /// The hash of `value`, equal to `GrowthBookHash.hash(seed:value:version:)`.
    @inlinable
    public func hash(_ value: String) -> Double { hash(bucket: bucket(value)) }

    /// The hash for an integer bucket from ``bucket(_:)``: exactly `Double(bucket) / scale`.
    @inlinable
    public func hash(bucket: UInt32) -> Double { Double(bucket) / Double(scale) }

    /// The integer bucket in [0, scale) of `value`, whose hash is `bucket / scale`.
    @inlinable
    public func bucket(_ value: String) -> UInt32 {
        bucket { FNV1a.update($0, with: value) }
    }

    /// The bucket of a value given as ASCII bytes (the caller checks `FNV1a.isASCII`), without
    /// making a `String`: equal to ``bucket(_:)`` of the same text.
    @inlinable
    public func bucket(ascii value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        bucket { FNV1a.update($0, ascii: value) }
    }

    /// The bucket, given how to continue an FNV state over the value.
    @inlinable @inline(__always)
    func bucket(hashingValue update: (UInt32) -> UInt32) -> UInt32 {
        switch version {
        case .v1:
            return FNV1a.update(update(FNV1a.offsetBasis), with: seedUnits) % 1000
        case .v2:
            return FNV1a.update(FNV1a.offsetBasis, withDecimal: update(seedState)) % 10000
        }
    }
}
