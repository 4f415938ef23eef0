#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a ``LineReader/Block/lines(_:)`` block: LF-separated, the last without its line
/// end, so a block always holds at least one (possibly empty) line. Ranges include a CR.
struct BlockLines {
    private let block: UnsafeBufferPointer<UInt8>
    private var start = 0
    private var done = false

    init(_ block: UnsafeBufferPointer<UInt8>) { self.block = block }

    /// How many lines `block` holds.
    package static func count(_ block: UnsafeBufferPointer<UInt8>) -> Int {
        var lines = BlockLines(block)
        var count = 0
        while lines.next() != nil { count += 1 }
        return count
    }

    /// The next line's byte range in the block, or nil after the last.
    @inline(__always)
    mutating func next() -> Range<Int>? {
        guard !done else { return nil }
        var end = block.count
        if let base = block.baseAddress, start < end, let hit = memchr(base + start, 0x0A, end - start) {
            end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
        let line = start..<end
        if end == block.count { done = true } else { start = end + 1 }
        return line
    }
}
