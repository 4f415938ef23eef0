/// The 32-bit FNV-1a hash that GrowthBook's SDKs use for bucketing.
///
/// It runs over the UTF-16 code units of the string, as GrowthBook's JavaScript SDK does
/// (`charCodeAt`). GrowthBook's Python SDK agrees since it too hashes UTF-16 code units
/// (older Python releases hashed UTF-8 bytes and disagreed for non-ASCII IDs); ABAssign's
/// compatibility fixture, generated with the Python SDK, checks emoji, accented and CJK IDs.
/// For ASCII text the UTF-16 code units equal the UTF-8 bytes, so the hot path hashes the
/// UTF-8 bytes directly and only falls back to the UTF-16 view for non-ASCII strings.
public enum FNV1a {
    /// The FNV-1a 32-bit offset basis.
    public static let offsetBasis: UInt32 = 0x811c_9dc5
    /// The FNV 32-bit prime.
    public static let prime: UInt32 = 0x0100_0193

    /// Hashes the UTF-16 code units of `string`.
    @inlinable
    public static func hash32(_ string: String) -> UInt32 {
        update(offsetBasis, with: string)
    }

    /// Continues a hash `state` over the UTF-16 code units of `string`, as if the text hashed
    /// so far and `string` were concatenated.
    @inlinable
    public static func update(_ state: UInt32, with string: String) -> UInt32 {
        let ascii: UInt32? = string.utf8.withContiguousStorageIfAvailable { bytes in
            isASCII(bytes) ? update(state, ascii: bytes) : nil
        } ?? nil
        if let ascii { return ascii }
        var hash = state
        for unit in string.utf16 {
            hash = (hash ^ UInt32(unit)) &* prime
        }
        return hash
    }

    /// Whether every byte is below 0x80, so that the UTF-8 bytes are the UTF-16 code units.
    @inlinable
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any < 0x80
    }

    /// Continues a hash `state` over ASCII bytes (each byte is one UTF-16 code unit); the caller
    /// checks ``isASCII(_:)``.
    @inlinable
    public static func update(_ state: UInt32, ascii bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash = state
        for byte in bytes {
            hash = (hash ^ UInt32(byte)) &* prime
        }
        return hash
    }

    /// Continues a hash `state` over UTF-16 code units.
    @inlinable
    public static func update(_ state: UInt32, with units: [UInt16]) -> UInt32 {
        var hash = state
        for unit in units {
            hash = (hash ^ UInt32(unit)) &* prime
        }
        return hash
    }

    /// Continues a hash `state` over the decimal digits of `value` (JavaScript's `value + ""`).
    @inlinable
    public static func update(_ state: UInt32, withDecimal value: UInt32) -> UInt32 {
        // Most significant digit first, each with a constant divisor (a multiply, no division);
        // the digits do not depend on each other, only the hash chain does. Leading zeros are
        // skipped; three quarters of all values have 10 digits, so the branches predict well.
        var hash = state
        @inline(__always) func digit(_ d: UInt32) { hash = (hash ^ (0x30 &+ d)) &* prime }
        if value >= 1_000_000_000 { digit(value / 1_000_000_000) }
        if value >= 100_000_000 { digit(value / 100_000_000 % 10) }
        if value >= 10_000_000 { digit(value / 10_000_000 % 10) }
        if value >= 1_000_000 { digit(value / 1_000_000 % 10) }
        if value >= 100_000 { digit(value / 100_000 % 10) }
        if value >= 10_000 { digit(value / 10_000 % 10) }
        if value >= 1_000 { digit(value / 1_000 % 10) }
        if value >= 100 { digit(value / 100 % 10) }
        if value >= 10 { digit(value / 10 % 10) }
        digit(value % 10)
        return hash
    }
}
