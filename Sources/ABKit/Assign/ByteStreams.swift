import ABEvents

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Somewhere bytes come from.
public protocol ByteInput: AnyObject {
    /// Reads up to `buffer.count` bytes; returns 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
}

/// Reads a file descriptor (standard input or a file it opened).
public final class FileInput: ByteInput {
    private let fd: Int32
    private let ownsDescriptor: Bool

    /// Reads an open descriptor it does not own (0 for stdin).
    public init(descriptor: Int32) {
        fd = descriptor
        ownsDescriptor = false
    }

    /// Opens `path` for reading; `nil` if it cannot.
    public init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        self.fd = fd
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(fd) } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let n = systemRead(fd, buffer.baseAddress!, buffer.count)
            if n < 0, errno == EINTR { continue }
            return max(n, 0)
        }
    }
}

/// Serves bytes from memory, for tests.
public final class MemoryInput: ByteInput {
    private let bytes: [UInt8]
    private var offset = 0
    /// Serves `text`'s UTF-8 bytes.
    public init(_ text: String) { bytes = Array(text.utf8) }
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}

/// Splits a byte stream into lines in constant memory (a line may be as long as it likes;
/// the buffer grows to the longest line). A trailing "\r" is removed; the final line needs no newline.
public struct LineReader {
    private let input: ByteInput
    private var buffer: [UInt8] = Array(repeating: 0, count: 1 << 20)
    private var start = 0
    private var end = 0
    private var atEOF = false

    /// Reads lines from `input`.
    public init(_ input: ByteInput) { self.input = input }

    /// Calls `body` with each line (without its line ending) and its 1-based number.
    public mutating func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        var lineNumber = 0
        while true {
            var searchFrom = start
            while true {
                let newline: Int? = buffer.withUnsafeBytes { b in
                    guard searchFrom < end, let p = memchr(b.baseAddress! + searchFrom, 0x0A, end - searchFrom) else { return nil }
                    return UnsafeRawPointer(p) - b.baseAddress!
                }
                if let newline {
                    lineNumber += 1
                    var lineEnd = newline
                    if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<lineEnd]), lineNumber) }
                    start = newline + 1
                    searchFrom = start
                    continue
                }
                break
            }
            if atEOF {
                if start < end {
                    lineNumber += 1
                    var lineEnd = end
                    if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<lineEnd]), lineNumber) }
                }
                return
            }
            // Move the partial line to the front, grow if one line fills the buffer, then read more.
            if start > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: end - start)
                }
                end -= start
                start = 0
            }
            if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBytes { raw in
                input.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
            }
            if n == 0 { atEOF = true } else { end += n }
        }
    }
}
