import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes from a file, standard input, or memory, decompressing gzip on the fly.
///
/// gzip is detected from its magic bytes, not the file name, so `events.jsonl.gz` and a
/// compressed stream piped into `-` both work. Decompression runs in the system's `gzip -dc`
/// (present on every Linux and macOS) so the package needs no zlib headers.
public final class ByteSource {
    /// How the input is named in errors and rejects: the path, or `<stdin>`.
    public let name: String
    private var descriptor: Int32
    private var ownsDescriptor: Bool
    private var pending: [UInt8]
    private var pendingOffset = 0
    private var decompressor: Process?
    /// Whether the first bytes were checked for binary data.
    private var sniffed = false
    private var feeder: Thread?
    private var pull: (() throws -> [UInt8]?)?
    /// The first error a pulling producer threw; the input ends there.
    public private(set) var pullError: (any Error)?
    /// Why reading stopped early: a failed read, or gzip reporting corrupt or truncated input.
    /// The input ends there; ``checkComplete()`` turns it into an error, so nothing is lost silently.
    public private(set) var readError: CollectorError?
    private var decompressorErrors: Pipe?
    /// The number of bytes a plain regular file holds (nil for standard input, pipes, gzip and
    /// memory): lets readers size their tables once instead of growing them.
    public private(set) var byteCountHint: Int?
    /// The size of the file as stored (compressed or not) when it is a regular file: the total
    /// that ``fileBytesRead`` counts towards, for progress.
    public private(set) var fileByteCount: Int?
    /// Bytes read from the file so far (before decompression), counted by whichever thread reads it.
    private let fileReads = FileReadCounter()
    /// Whether reads of `descriptor` are reads of the file itself (not of gzip's output).
    private var descriptorIsFile = false

    /// Bytes of the file read so far, as stored (a gzip file's compressed bytes).
    public var fileBytesRead: Int { fileReads.count }

    /// Opens `path`, or standard input when `path` is `-`.
    public init(path: String) throws(CollectorError) {
        if path == "-" {
            name = "<stdin>"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            name = path
            var info = stat()
            guard stat(path, &info) == 0 else { throw .missingInput(path: path) }
            guard (info.st_mode & S_IFMT) != S_IFDIR else { throw .unreadable(path: path, reason: "is a directory") }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            descriptor = fd
            ownsDescriptor = true
            if (info.st_mode & S_IFMT) == S_IFREG {
                byteCountHint = Int(info.st_size)
                fileByteCount = Int(info.st_size)
            }
        }
        descriptorIsFile = true
        pending = []
        try startDecompressingIfGzip()
    }

    /// Reads bytes held in memory (tests).
    public init(bytes: [UInt8], name: String = "<memory>") {
        self.name = name
        descriptor = -1
        ownsDescriptor = false
        pending = bytes
    }

    /// Reads chunks that `next` produces on demand (nil at the end), such as rows of a database
    /// rendered as JSON lines; nothing is held beyond the current chunk.
    public init(name: String, next: @escaping () throws -> [UInt8]?) {
        self.name = name
        descriptor = -1
        ownsDescriptor = false
        pending = []
        pull = next
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
        decompressor?.terminate()
    }

    /// Reads up to `buffer.count` bytes into `buffer`; 0 means the end. The first bytes are
    /// checked for binary data (see ``BinarySniffer``): such an input ends at once, and
    /// ``checkComplete()`` says what it looks like.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = readRaw(into: buffer)
        guard !sniffed, n > 0 else { return n }
        sniffed = true
        if let problem = BinarySniffer.problem(UnsafeRawBufferPointer(rebasing: buffer[..<n])) {
            fail(.badInput(path: name, line: 1, field: nil, message: problem))
            return 0
        }
        return n
    }

    private func readRaw(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        if pendingOffset < pending.count {
            let n = min(buffer.count, pending.count - pendingOffset)
            pending.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + pendingOffset, byteCount: n)
            }
            pendingOffset += n
            return n
        }
        if let pull {
            do {
                guard let chunk = try pull() else { self.pull = nil; return 0 }
                pending = chunk
                pendingOffset = 0
            } catch {
                pullError = error
                self.pull = nil
                return 0
            }
            return readRaw(into: buffer)
        }
        guard descriptor >= 0 else { return 0 }
        while true {
            let n = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if n < 0, errno == EINTR { continue }
            if n < 0 {
                readError = readError ?? .unreadable(path: name, reason: "read failed: \(String(cString: strerror(errno)))")
                return 0
            }
            if n == 0 { finishDecompressing() }
            if descriptorIsFile { fileReads.add(n) }
            return n
        }
    }

    /// Ends the input with `error`, which ``checkComplete()`` then throws: for a reader that
    /// finds the input unusable as a whole (a CSV header without the columns it needs).
    func fail(_ error: CollectorError) {
        readError = readError ?? error
        sniffed = true
        // Every way more bytes could come is closed, so a later read returns 0 whatever the source.
        pending = []
        pendingOffset = 0
        pull = nil
        decompressor?.terminate()
        if ownsDescriptor { close(descriptor); ownsDescriptor = false }
        descriptor = -1
    }

    /// Throws when the input ended early: a read error, gzip's complaint, or a failing producer.
    public func checkComplete() throws(CollectorError) {
        if let readError { throw readError }
        if let pullError { throw .unreadable(path: name, reason: "\(pullError)") }
    }

    /// At the end of decompressed output: gzip's exit status says whether the input was whole.
    private func finishDecompressing() {
        guard let process = decompressor, let errors = decompressorErrors else { return }
        decompressorErrors = nil
        process.waitUntilExit()
        guard process.terminationStatus != 0 else { return }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").last.map { $0.replacingOccurrences(of: "gzip: stdin: ", with: "") } ?? ""
        readError = readError ?? .unreadable(
            path: name, reason: "is gzip-compressed but cannot be decompressed to the end (gzip exit \(process.terminationStatus)\(message.isEmpty ? "" : ": \(message)"))")
    }

    /// Peeks at the first bytes; when they are gzip's magic (1f 8b), reads through `gzip -dc`.
    private func startDecompressingIfGzip() throws(CollectorError) {
        var head = [UInt8](repeating: 0, count: 1 << 16)
        let n = head.withUnsafeMutableBytes { readRaw(into: $0) }
        head.removeSubrange(n...)
        guard n >= 2, head[0] == 0x1f, head[1] == 0x8b else {
            pending = head
            return
        }
        byteCountHint = nil
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch {
            throw .unreadable(path: name, reason: "is gzip-compressed but gzip could not be started (\(error.localizedDescription))")
        }
        // Feed the bytes already read, then the rest of the source, to gzip from a thread so the
        // reader never blocks on a full pipe.
        let sourceDescriptor = descriptor
        let reads = fileReads
        let writer = input.fileHandleForWriting
        let firstBytes = head
        let thread = Thread {
            var chunk = firstBytes
            chunk.withUnsafeBytes { _ = writeAll(writer.fileDescriptor, $0) }
            chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { Foundation.read(sourceDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                reads.add(count)
                let complete = chunk.withUnsafeBytes { writeAll(writer.fileDescriptor, UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                if !complete { break }
            }
            try? writer.close()
        }
        thread.start()
        feeder = thread
        decompressor = process
        decompressorErrors = errors
        pending = []
        pendingOffset = 0
        descriptor = output.fileHandleForReading.fileDescriptor
        descriptorIsFile = false
    }
}

/// A count of bytes read from a file, shared with the thread that feeds gzip.
private final class FileReadCounter: Sendable {
    private let bytes = Atomic<Int>(0)
    func add(_ count: Int) { bytes.add(count, ordering: .relaxed) }
    var count: Int { bytes.load(ordering: .relaxed) }
}

/// Writes all of `bytes`; false when the pipe closed.
private func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return false }
        offset += n
    }
    return true
}
