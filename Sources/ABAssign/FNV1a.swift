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
        let ascii: UInt32? = string.utf8.withContiguousStorageIfAvailable { bytes -> UInt32? in
            var hash = state
            for byte in bytes {
                if byte >= 0x80 { return nil }
                hash = (hash ^ UInt32(byte)) &* prime
            }
            return hash
        } ?? nil
        if let ascii { return ascii }
        var hash = state
        for unit in string.utf16 {
            hash = (hash ^ UInt32(unit)) &* prime
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
        // Digits come out least significant first with constant divisors (cheap multiplies),
        // then are hashed most significant first.
        var digits: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            let d = raw.bindMemory(to: UInt32.self)
            repeat {
                d[count] = rest % 10
                rest /= 10
                count += 1
            } while rest > 0
        }
        var hash = state
        withUnsafeBytes(of: &digits) { raw in
            let d = raw.bindMemory(to: UInt32.self)
            var i = count - 1
            while i >= 0 {
                hash = (hash ^ (0x30 + d[i])) &* prime
                i -= 1
            }
        }
        return hash
    }
}
