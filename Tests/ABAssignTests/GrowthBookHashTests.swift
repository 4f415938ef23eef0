import ABAssign
import Testing

@Suite("GrowthBook hashing")
struct GrowthBookHashTests {
    @Test("FNV-1a 32-bit matches the published test vectors")
    func fnvVectors() {
        #expect(FNV1a.hash32("") == 0x811c_9dc5)
        #expect(FNV1a.hash32("a") == 0xe40c_292c)
        #expect(FNV1a.hash32("foobar") == 0xbf9c_f968)
    }

    @Test("ASCII fast path and UTF-16 path agree")
    func fastPathAgreesWithUTF16() {
        for text in ["abc", "é", "👍", "mixed-é-👍-ascii", String(repeating: "z", count: 300)] {
            var slow = FNV1a.offsetBasis
            for unit in text.utf16 { slow = (slow ^ UInt32(unit)) &* FNV1a.prime }
            #expect(FNV1a.hash32(text) == slow, "\(text)")
        }
    }

    @Test("hash values match GrowthBook's Python SDK for every fixture case")
    func matchesFixture() throws {
        let cases = try #require(Fixture.assignments["hashes"]?.arrayValue)
        #expect(cases.count > 1000)
        for (i, c) in cases.enumerated() {
            let row = c.arrayValue!
            let seed = row[0].stringValue!, value = row[1].stringValue!
            let version = HashVersion(rawValue: Int(row[2].numberValue!))!
            let expected = row[3].numberValue!
            #expect(GrowthBookHash.hash(seed: seed, value: value, version: version) == expected, "case \(i): \(seed) \(value.prefix(20))")
            #expect(SeededHash(seed: seed, version: version).hash(value) == expected, "case \(i) (prepared seed)")
        }
    }

    @Test("unknown hash versions give nil")
    func unknownVersion() {
        #expect(GrowthBookHash.hash(seed: "a", value: "b", version: 3) == nil)
        #expect(GrowthBookHash.hash(seed: "a", value: "b", version: 1) != nil)
    }
}
