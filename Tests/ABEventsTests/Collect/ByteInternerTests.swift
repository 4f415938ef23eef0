import Testing
@testable import ABEvents

@Suite("ByteInterner: dense ids, growth and reservation")
struct ByteInternerTests {
    static let strings = (0..<300_000).map { "user-\($0 * 7919 % 1_000_003)" } + ["", "é", "user-1"]

    /// Interns every string of `strings` (repeats included) and returns the ids in order.
    static func ids(_ interner: inout ByteInterner) -> [Int32] {
        strings.map { string in
            var copy = string
            return copy.withUTF8 { interner.intern($0).id }
        }
    }

    @Test("ids are dense, in order of first sight, the same whether the table grew or was reserved")
    func growAndReserve() {
        var growing = ByteInterner(expected: 4)
        let grown = Self.ids(&growing)
        // Large enough that the table is mapped directly (huge-page advice), not taken from calloc.
        var reserved = ByteInterner(expected: 4)
        reserved.reserve(1_000_000, bytes: 12_000_000)
        let direct = Self.ids(&reserved)
        #expect(grown == direct)
        let distinct = Set(Self.strings).count
        #expect(growing.count == distinct && reserved.count == distinct)
        #expect(Set(grown).count == distinct && grown.max() == Int32(distinct - 1))
        for (string, id) in zip(Self.strings, grown).prefix(1000) {
            #expect(reserved.string(id) == string)
            var copy = string
            #expect(copy.withUTF8 { reserved.find($0) } == id)
        }
        #expect(Array("absent".utf8).withUnsafeBufferPointer { reserved.find($0) } == nil)
        #expect(reserved.byteCount == Set(Self.strings).reduce(0) { $0 + $1.utf8.count })
    }

    @Test("a reservation made after strings were added keeps their ids")
    func reserveLater() {
        var interner = ByteInterner(expected: 16)
        let first = Self.ids(&interner)
        interner.reserve(2_000_000)
        #expect(Self.ids(&interner) == first)
        #expect(interner.count == Set(Self.strings).count)
    }
}
