import Testing
@testable import ABAssign

@Suite("FNV-1a 32-bit")
struct FNV1aTests {
    /// Published FNV-1a 32-bit test vectors (Fowler/Noll/Vo reference test suite).
    @Test(arguments: [
        ("", UInt32(0x811c_9dc5)),
        ("a", 0xe40c_292c),
        ("foobar", 0xbf9c_f968),
    ])
    func publishedVectors(_ input: String, _ expected: UInt32) {
        #expect(FNV1a.hash32(input) == expected)
    }

    /// Hashing a number's digits without making a `String` equals hashing `String(n)`: every
    /// n below 10^5 (the five-digit fields the fast path reads), powers of ten and their
    /// neighbours, the extremes, and a seeded sample of the rest.
    @Test func decimalDigitsMatchTheirText() {
        var values: [UInt32] = Array(0..<100_000) + [UInt32.max, UInt32.max - 1]
        var power: UInt64 = 10
        while power <= UInt64(UInt32.max) {
            values += [UInt32(power - 1), UInt32(power), UInt32(min(power + 1, UInt64(UInt32.max)))]
            power *= 10
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(UInt32(truncatingIfNeeded: state >> 32))
        }
        for n in values where FNV1a.update(FNV1a.offsetBasis, withDecimal: n) != FNV1a.hash32(String(n)) {
            Issue.record("digits of \(n) hash differently from its text")
        }
    }
}
