#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte source into lines without copying them: CRLF and LF line ends, a UTF-8 byte
/// order mark at the start, a last line without a line end, and lines longer than a limit
/// (reported whole, in memory or spooled to a temporary file, then skipped to the next line end).
public struct LineReader: ~Copyable {
    /// One line, valid only until the next call to ``next()``.
    public enum Line {
        /// A complete line without its line end.
        case text(UnsafeBufferPointer<UInt8>)
        /// A line over the limit, kept whole for its reject.
        case tooLong(OverlongLine)
    }

    private let source: ByteSource
    private let maximumLineBytes: Int
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var scanFrom = 0
    private var atEnd = false
    private var isFirstLine = true
    /// The smallest line limit: shorter limits are raised to it, so a JSON event always fits.
    static let prefixLength = 200
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// The limit lines are held to under `maximumLineBytes`: never below ``prefixLength``.
    public static func lineLimit(_ maximumLineBytes: Int) -> Int { max(maximumLineBytes, prefixLength) }

    /// Why a line of `length` bytes is rejected under `maximumLineBytes`.
    public static func tooLongDetail(length: Int, maximumLineBytes: Int) -> String {
        "the line has \(length) bytes; the limit is \(maximumLineBytes)"
    }

    /// Reads `source`; lines longer than `maximumLineBytes` are reported as ``Line/tooLong(_:)``.
    public init(source: ByteSource, maximumLineBytes: Int = 1 << 20) {
        self.source = source
        self.maximumLineBytes = Self.lineLimit(maximumLineBytes)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1 << 22, maximumLineBytes * 2 + 4096), alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The largest block ``nextBlock()`` returns, in bytes (blocks are usually near 4 MiB,
    /// longer only to hold a long line whole).
    public var blockCapacity: Int { buffer.count }

    /// The size ``nextBlock()`` aims at: large enough that a block is worth a thread's time.
    private static let blockTarget = 1 << 22

    /// A run of lines for a consumer that splits them itself (see ``nextBlock()``).
    public enum Block {
        /// Complete lines separated by LF (the last one without its line end), a first line's
        /// BOM removed; CRs and over-long lines are left for the consumer. Valid until the next call.
        case lines(UnsafeBufferPointer<UInt8>)
        /// One line over the limit that did not fit the buffer, spooled whole.
        case tooLong(OverlongLine)
    }

    /// The next run of whole lines (a few megabytes when the source has them), or nil at the end
    /// of the source.
    ///
    /// For a consumer that splits blocks on other threads: one call per few megabytes instead of
    /// a call per line. Do not mix with ``next()``: ``lineNumber`` is not kept here.
    public mutating func nextBlock() -> Block? {
        while true {
            // Fill at least half the buffer first, so blocks from pipes are not a pipe's 64 KiB.
            if !atEnd, end - start < min(buffer.count / 2, Self.blockTarget) {
                refill(upTo: Self.blockTarget)
                continue
            }
            if scanFrom < end, let newline = lastNewline() {
                let block = trimmedBOM(from: start, to: newline)
                start = newline + 1
                scanFrom = start
                return .lines(block)
            }
            scanFrom = end
            if end - start > maximumLineBytes {
                if case let .tooLong(line) = skipLongLine() { return .tooLong(line) }
            }
            guard atEnd else { refill(upTo: Self.blockTarget); continue }
            guard start < end else { return nil }
            let block = trimmedBOM(from: start, to: end)
            start = end
            return .lines(block)
        }
    }

    /// Like ``nextBlock()``, but hands the block's bytes over instead of lending them: the
    /// reader's buffer, which holds the block, is exchanged for `spare` (a buffer of
    /// ``blockCapacity`` bytes, aligned to 16, that the caller gives up), and only the partial
    /// line after the block is copied. Lets a pipeline keep blocks without copying megabytes.
    public mutating func nextBlock(exchanging spare: inout UnsafeMutableRawBufferPointer) -> Block? {
        precondition(spare.count == buffer.count, "the spare buffer must hold blockCapacity bytes")
        guard let block = nextBlock() else { return nil }
        guard case .lines = block else { return block }
        let tail = end - start
        if tail > 0 { spare.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: tail) }
        swap(&buffer, &spare)
        scanFrom -= start
        start = 0
        end = tail
        return block
    }

    /// The last line end in the unsearched bytes (a backward byte loop: the last line end is
    /// usually a line's length from the end, and glibc's memrchr is not visible from Swift).
    private func lastNewline() -> Int? {
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var i = end - 1
        while i >= scanFrom {
            if bytes[i] == 0x0A { return i }
            i -= 1
        }
        return nil
    }

    /// The bytes from `lower` to `upper`, without a UTF-8 BOM when they open the source.
    private mutating func trimmedBOM(from lower: Int, to upper: Int) -> UnsafeBufferPointer<UInt8> {
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var lower = lower
        if isFirstLine {
            isFirstLine = false
            if upper - lower >= 3, bytes[lower] == 0xEF, bytes[lower + 1] == 0xBB, bytes[lower + 2] == 0xBF { lower += 3 }
        }
        return UnsafeBufferPointer(start: bytes + lower, count: upper - lower)
    }

    /// The next line, or nil at the end of the source.
    public mutating func next() -> Line? {
        while true {
            if let newline = findNewline() {
                if newline - start > maximumLineBytes {
                    let line = OverlongLine(trimmed(from: start, to: newline))
                    start = newline + 1
                    scanFrom = start
                    lineNumber += 1
                    return .tooLong(line)
                }
                let line = trimmed(from: start, to: newline)
                start = newline + 1
                scanFrom = start
                lineNumber += 1
                return .text(line)
            }
            if end - start > maximumLineBytes {
                return skipLongLine()
            }
            if atEnd {
                guard start < end else { return nil }
                let line = trimmed(from: start, to: end)
                start = end
                lineNumber += 1
                return .text(line)
            }
            // Everything up to `end` was searched for a line end already.
            scanFrom = end
            refill()
        }
    }

    private func findNewline() -> Int? {
        guard scanFrom < end else { return nil }
        let base = buffer.baseAddress!
        guard let hit = memchr(base + scanFrom, 0x0A, end - scanFrom) else { return nil }
        return base.distance(to: UnsafeMutableRawPointer(hit))
    }

    /// Drops a trailing CR and, on the first line, a UTF-8 BOM.
    private mutating func trimmed(from lower: Int, to upper: Int) -> UnsafeBufferPointer<UInt8> {
        trimmedCR(trimmedBOM(from: lower, to: upper))
    }

    /// Moves the unread tail to the front and reads more after it: as much as fits, or with
    /// `limit`, up to `limit` bytes of unread data (at least 64 KiB more), so a large line limit
    /// (and buffer) does not make every block that large.
    private mutating func refill(upTo limit: Int? = nil) {
        let base = buffer.baseAddress!
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { memmove(base, base + start, remaining) }
            end = remaining
            scanFrom -= start
            start = 0
        }
        let upper = limit.map { min(buffer.count, max(end + (1 << 16), $0)) } ?? buffer.count
        let n = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<upper]))
        if n == 0 { atEnd = true } else { end += n }
    }

    /// Reports a line over the limit that fills the buffer and skips to its end, spooling it whole.
    private mutating func skipLongLine() -> Line {
        lineNumber += 1
        let base = buffer.baseAddress!
        var first = start
        if isFirstLine {
            isFirstLine = false
            if end - start >= 3, base.load(fromByteOffset: start, as: UInt8.self) == 0xEF,
               base.load(fromByteOffset: start + 1, as: UInt8.self) == 0xBB, base.load(fromByteOffset: start + 2, as: UInt8.self) == 0xBF {
                first += 3
            }
        }
        let line = OverlongLine(spooling: UnsafeRawBufferPointer(start: base + first, count: end - first))
        start = 0
        end = 0
        scanFrom = 0
        while !atEnd {
            let n = source.read(into: buffer)
            if n == 0 { atEnd = true; break }
            if let hit = memchr(base, 0x0A, n) {
                let newline = base.distance(to: UnsafeMutableRawPointer(hit))
                line.append(UnsafeRawBufferPointer(start: base, count: newline))
                start = newline + 1
                end = n
                scanFrom = start
                break
            }
            line.append(UnsafeRawBufferPointer(start: base, count: n))
        }
        line.finish()
        return .tooLong(line)
    }
}
