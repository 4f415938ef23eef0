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
            // One pass: hash the bytes and note whether any was non-ASCII.
            var hash = state
            var any: UInt8 = 0
            for byte in bytes {
                any |= byte
                hash = (hash ^ UInt32(byte)) &* prime
            }
            return any < 0x80 ? hash : nil
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
        // Most significant digit first, without a division per digit. A number n < 10^5 is read
        // as five digits through t = n * (2^32 / 10^4 + 1): the top bits of t are the leading
        // digit and the low 32 bits a fraction, so each next digit is a multiply by 10 and a
        // shift (jeaiii's method; exact for every n < 10^5, which the tests check).
        // value = hi * 10^5 + lo with hi < 42950; leading zeros are skipped.
        var hash = state
        @inline(__always) func fiveDigits(_ n: UInt32, skippingLeadingZeros: Bool) {
            var t = UInt64(n) &* 429_497
            var started = !skippingLeadingZeros
            for position in 0..<5 {
                let d = UInt32(truncatingIfNeeded: t >> 32)
                if started || d != 0 || position == 4 {
                    started = true
                    hash = (hash ^ (0x30 &+ d)) &* prime
                }
                t = (t & 0xFFFF_FFFF) &* 10
            }
        }
        if value >= 100_000 {
            fiveDigits(value / 100_000, skippingLeadingZeros: true)
            fiveDigits(value % 100_000, skippingLeadingZeros: false)
        } else {
            fiveDigits(value, skippingLeadingZeros: true)
        }
        return hash
    }
}
