import Foundation
import ABSummary
import ABKit
import ABEvents

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Somewhere bytes come from.
package protocol ByteInput: AnyObject {
    /// Reads up to `buffer.count` bytes; returns 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
}

/// Reads a file descriptor (standard input or a file it opened).
package final class FileInput: ByteInput {
    private let fd: Int32
    private let ownsDescriptor: Bool

    /// Reads an open descriptor it does not own (0 for stdin).
    package init(descriptor: Int32) {
        fd = descriptor
        ownsDescriptor = false
    }

    /// Opens `path` for reading; `nil` if it cannot.
    package init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        self.fd = fd
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(fd) } }

    package func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let n = systemRead(fd, buffer.baseAddress!, buffer.count)
            if n < 0, errno == EINTR { continue }
            return max(n, 0)
        }
    }
}

/// Serves bytes from memory, for tests.
package final class MemoryInput: ByteInput {
    private let bytes: [UInt8]
    private var offset = 0
    /// Serves `text`'s UTF-8 bytes.
    package init(_ text: String) { bytes = Array(text.utf8) }
    /// Serves `bytes`.
    package init(bytes: [UInt8]) { self.bytes = bytes }
    package func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}
