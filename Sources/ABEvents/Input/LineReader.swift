#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte source into lines without copying them: CRLF and LF line ends, a UTF-8 byte
/// order mark at the start, a last line without a line end, and lines longer than a limit
/// (reported with their first bytes, then skipped to the next line end).
public struct LineReader: ~Copyable {
    /// One line, valid only until the next call to ``next()``.
    public enum Line {
        /// A complete line without its line end.
        case text(UnsafeBufferPointer<UInt8>)
        /// A line over the limit; `prefix` holds its first bytes.
        case tooLong(prefix: UnsafeBufferPointer<UInt8>, length: Int)
    }

    private let source: ByteSource
    private let maximumLineBytes: Int
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var scanFrom = 0
    private var atEnd = false
    private var isFirstLine = true
    private let prefix: UnsafeMutableRawPointer
    private static let prefixLength = 200
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// Reads `source`; lines longer than `maximumLineBytes` are reported as ``Line/tooLong(prefix:length:)``.
    public init(source: ByteSource, maximumLineBytes: Int = 1 << 20) {
        self.source = source
        self.maximumLineBytes = max(maximumLineBytes, Self.prefixLength)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1 << 22, maximumLineBytes * 2 + 4096), alignment: 16)
        prefix = UnsafeMutableRawPointer.allocate(byteCount: Self.prefixLength, alignment: 1)
    }

    deinit {
        buffer.deallocate()
        prefix.deallocate()
    }

    /// The next line, or nil at the end of the source.
    public mutating func next() -> Line? {
        while true {
            if let newline = findNewline() {
                if newline - start > maximumLineBytes {
                    let count = min(Self.prefixLength, newline - start)
                    prefix.copyMemory(from: buffer.baseAddress! + start, byteCount: count)
                    let length = newline - start
                    start = newline + 1
                    scanFrom = start
                    lineNumber += 1
                    isFirstLine = false
                    return .tooLong(prefix: UnsafeBufferPointer(start: prefix.assumingMemoryBound(to: UInt8.self), count: count), length: length)
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
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var lower = lower
        var upper = upper
        if isFirstLine {
            isFirstLine = false
            if upper - lower >= 3, bytes[lower] == 0xEF, bytes[lower + 1] == 0xBB, bytes[lower + 2] == 0xBF { lower += 3 }
        }
        if upper > lower, bytes[upper - 1] == 0x0D { upper -= 1 }
        return UnsafeBufferPointer(start: bytes + lower, count: upper - lower)
    }

    /// Moves the unread tail to the front and reads more after it.
    private mutating func refill() {
        let base = buffer.baseAddress!
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { memmove(base, base + start, remaining) }
            end = remaining
            start = 0
        }
        // Everything up to `end` was searched for a line end already.
        scanFrom = end
        let n = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if n == 0 { atEnd = true } else { end += n }
    }

    /// Reports a line over the limit and skips to its end, keeping its first bytes.
    private mutating func skipLongLine() -> Line {
        isFirstLine = false
        lineNumber += 1
        let base = buffer.baseAddress!
        prefix.copyMemory(from: base + start, byteCount: Self.prefixLength)
        var length = end - start
        start = 0
        end = 0
        scanFrom = 0
        while !atEnd {
            let n = source.read(into: buffer)
            if n == 0 { atEnd = true; break }
            if let hit = memchr(base, 0x0A, n) {
                let newline = base.distance(to: UnsafeMutableRawPointer(hit))
                length += newline
                start = newline + 1
                end = n
                scanFrom = start
                break
            }
            length += n
        }
        return .tooLong(prefix: UnsafeBufferPointer(start: prefix.assumingMemoryBound(to: UInt8.self), count: Self.prefixLength), length: length)
    }
}
