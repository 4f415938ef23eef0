/// The 32-bit FNV-1a hash that GrowthBook's SDKs use for bucketing.
///
/// It runs over the UTF-16 code units of the string, as GrowthBook's JavaScript SDK does
/// (`charCodeAt`); ABAssign's compatibility tests check this against GrowthBook's fixtures.
public enum FNV1a {
    /// The FNV-1a 32-bit offset basis.
    public static let offsetBasis: UInt32 = 0x811c_9dc5
    /// The FNV 32-bit prime.
    public static let prime: UInt32 = 0x0100_0193

    /// Hashes the UTF-16 code units of `string`.
    public static func hash32(_ string: String) -> UInt32 {
        var hash = offsetBasis
        for unit in string.utf16 {
            hash ^= UInt32(unit)
            hash = hash &* prime
        }
        return hash
    }
}
