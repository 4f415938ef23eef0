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
}
