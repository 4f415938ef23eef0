#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line over the reader's limit, kept whole so its reject can give it back byte for byte:
/// in memory when it fit the reader's buffer, else spooled to an anonymous temporary file (a
/// hostile input can be one line of gigabytes; memory stays bounded by the buffer).
public final class OverlongLine {
    /// The line's length in bytes, without its line end (LF or CRLF).
    public private(set) var length = 0
    private var memory: [UInt8]
    private var spool: UnsafeMutablePointer<FILE>?
    private var lastByte: UInt8 = 0

    /// A line held in memory.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        memory = Array(bytes)
        length = bytes.count
    }

    /// An empty spooled line, to be filled by ``append(_:)`` and closed by ``finish()``.
    init(spooling first: UnsafeRawBufferPointer) {
        memory = []
        spool = tmpfile()
        append(first)
    }

    deinit { if let spool { fclose(spool) } }

    /// Adds bytes to a spooled line. Should the temporary file fail (no room), the line keeps
    /// what it has in memory instead, so nothing is silently cut.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if let spool, fwrite(base, 1, bytes.count, spool) == bytes.count {
            // written
        } else {
            if let spool { fclose(spool); self.spool = nil }
            memory.append(contentsOf: bytes.bindMemory(to: UInt8.self))
        }
        length += bytes.count
        lastByte = bytes[bytes.count - 1]
    }

    /// Drops a CR that ended the line (a CRLF line end is not part of the line).
    func finish() {
        guard length > 0, lastByte == 0x0D else { return }
        length -= 1
        if let spool {
            fflush(spool)
            _ = ftruncate(fileno(spool), off_t(length))
        } else {
            memory.removeLast()
        }
    }

    /// Calls `body` with the line's bytes in order, in pieces of at most `pieceSize` bytes
    /// (a multiple of 3 keeps base64 pieces joinable).
    public func forEachPiece(pieceSize: Int = 3 << 16, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if let spool {
            fflush(spool)
            rewind(spool)
            var piece = [UInt8](repeating: 0, count: pieceSize)
            var remaining = length
            while remaining > 0 {
                let n = piece.withUnsafeMutableBytes { fread($0.baseAddress!, 1, min(pieceSize, remaining), spool) }
                guard n > 0 else { break }
                piece.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<n])) }
                remaining -= n
            }
            fseek(spool, 0, SEEK_END)
        } else {
            memory.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count {
                    let end = min(all.count, start + pieceSize)
                    body(UnsafeBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
        }
    }

    /// Calls `body` with the whole line when it is held in memory; false when it is spooled.
    public func withContiguousBytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard spool == nil else { return false }
        memory.withUnsafeBufferPointer(body)
        return true
    }

    /// Every byte of the line, read into memory (for tests and small lines).
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(length)
        forEachPiece { out.append(contentsOf: $0) }
        return out
    }
}
