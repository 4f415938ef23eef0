#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way ABKit writes a file the user named (`-o`, `--rejects`, `--junit`, reports,
/// `bandit --write`): buffered, and careful with what is already at the path.
///
/// - A regular file (or none) is written as the strategy says: `.replace` writes a temporary
///   file beside it and renames it over the target at ``commit()``, so readers never see half a
///   document and a failed run leaves the old file whole; `.stream` truncates and writes in place,
///   for long logs that are useful while they grow; `.append` adds to the end.
/// - A symbolic link is followed: the file it points to is written, the link stays a link.
/// - Anything that is not a regular file (a character device such as `/dev/null`, a FIFO, a
///   terminal) and every path under `/dev` or `/proc` (`/dev/stdout` may lead to a shell's file)
///   is written in place: never replaced, never truncated, never renamed over.
/// - A replaced file keeps its permission bits (and, for root, its owner); a new file gets the
///   usual `0666` less the umask.
///
/// Write errors (a full disk, a closed pipe) are remembered and thrown by ``commit()``, so the
/// ``ByteOutput`` methods stay non-throwing on the hot path.
public final class OutputFile: ByteOutput {
    /// How a regular file at the path is treated.
    public enum Strategy: Sendable {
        /// Write a temporary file and rename it over the target at commit.
        case replace
        /// Truncate and write in place, as the data comes.
        case stream
        /// Add to the end of the file, creating it when missing.
        case append
    }

    /// The path as the user gave it, for messages.
    public let path: String
    private var descriptor: Int32
    /// False for standard output and error, which stay open after a commit.
    private let ownsDescriptor: Bool
    /// The temporary file and the path it will be renamed to, for `.replace` on a regular file.
    private var pendingRename: (temporary: String, target: String)?
    private var buffer: [UInt8] = []
    private let capacity = 1 << 18
    private var failure: OutputFileError?
    private var finished = false

    /// Opens `path` for writing by `strategy`.
    /// - Throws: ``OutputFileError`` when the path is empty, a directory, or cannot be opened.
    public init(path: String, strategy: Strategy) throws(OutputFileError) {
        self.path = path
        guard !path.isEmpty else { throw OutputFileError(path: path, reason: "the file name is empty") }
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists, (status.st_mode & S_IFMT) == S_IFDIR {
            throw OutputFileError(path: path, reason: "is a directory; give a file name")
        }
        let isRegular = !exists || (status.st_mode & S_IFMT) == S_IFREG
        let inPlace = !isRegular || Self.isSystemPath(path)
        switch (strategy, inPlace) {
        case (.replace, false):
            let target = try Self.resolvedTarget(of: path)
            let (descriptor, temporary) = try Self.createTemporary(beside: target)
            if exists {
                // Keep the replaced file's permissions (and owner, where we may set it).
                _ = fchmod(descriptor, status.st_mode & 0o7777)
                _ = fchown(descriptor, status.st_uid, status.st_gid)
            }
            self.descriptor = descriptor
            pendingRename = (temporary, target)
        case (.stream, false):
            descriptor = try Self.openDescriptor(path, flags: O_WRONLY | O_CREAT | O_TRUNC)
        case (.append, _):
            descriptor = try Self.openDescriptor(path, flags: O_WRONLY | O_CREAT | O_APPEND)
        case (.replace, true), (.stream, true):
            // Devices, FIFOs and /proc or /dev paths: write where they point, without truncating.
            descriptor = try Self.openDescriptor(path, flags: O_WRONLY)
        }
        ownsDescriptor = true
        buffer.reserveCapacity(capacity)
    }

    /// Writes to a descriptor that stays open after ``commit()`` (1 for standard output, 2 for
    /// standard error); `name` is used in messages.
    public init(descriptor: Int32, name: String) {
        path = name
        self.descriptor = descriptor
        ownsDescriptor = false
        buffer.reserveCapacity(capacity)
    }

    deinit {
        guard !finished else { return }
        if let pendingRename {
            // A replacement that was never committed is abandoned: the temporary file goes, the target stays.
            close(descriptor)
            unlink(pendingRename.temporary)
        } else {
            // What was streamed in place stays, as if committed.
            flush()
            if ownsDescriptor { close(descriptor) }
        }
    }

    /// Appends `bytes`; a failure is reported by ``commit()``.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        if buffer.count + bytes.count > capacity {
            flush()
            // A chunk as large as the buffer goes straight to the descriptor, without a copy.
            if bytes.count >= capacity { writeAll(bytes); return }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Pushes buffered bytes to the file.
    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and, for `.replace`, renames the finished file over the target.
    /// - Throws: ``OutputFileError`` for the first write that failed, or a failed rename.
    public func commit() throws(OutputFileError) {
        guard !finished else { return }
        flush()
        finished = true
        if ownsDescriptor, close(descriptor) != 0, failure == nil { failure = OutputFileError(path: path, errno: errno) }
        if let failure {
            if let pendingRename { unlink(pendingRename.temporary) }
            throw failure
        }
        if let pendingRename, rename(pendingRename.temporary, pendingRename.target) != 0 {
            let error = OutputFileError(path: path, errno: errno)
            unlink(pendingRename.temporary)
            throw error
        }
    }

    /// Writes `bytes` as the whole content of `path` (`.replace`) or adds them (`.append`).
    public static func write(_ bytes: some Sequence<UInt8>, to path: String, strategy: Strategy = .replace) throws(OutputFileError) {
        let file = try OutputFile(path: path, strategy: strategy)
        file.write(Array(bytes))
        try file.commit()
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) {
        guard failure == nil, let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let n = systemWrite(descriptor, base + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = OutputFileError(path: path, errno: errno)
                return
            }
            offset += n
        }
    }

    /// Paths whose meaning belongs to the kernel or the shell (`/dev/stdout`, `/proc/self/fd/1`).
    private static func isSystemPath(_ path: String) -> Bool {
        path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
    }

    /// The file a `.replace` renames over: the end of the symlink chain, so the link survives.
    private static func resolvedTarget(of path: String) throws(OutputFileError) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return current }
            var bytes = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &bytes, bytes.count - 1)
            guard count > 0 else { throw OutputFileError(path: path, errno: errno) }
            let destination = String(decoding: bytes[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if destination.hasPrefix("/") {
                current = destination
            } else {
                let directory = current.lastIndex(of: "/").map { String(current[...$0]) } ?? ""
                current = directory + destination
            }
        }
        throw OutputFileError(path: path, reason: "too many levels of symbolic links")
    }

    /// Creates a new, empty file beside `target` (same directory, so the rename stays on one file system).
    private static func createTemporary(beside target: String) throws(OutputFileError) -> (Int32, String) {
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let suffix = String(generator.next() & 0xFFFF_FFFF, radix: 36)
            let temporary = "\(directory).\(name).abkit-\(suffix).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporary) }
            if errno != EEXIST { throw OutputFileError(path: target, errno: errno) }
        }
        throw OutputFileError(path: target, reason: "cannot create a temporary file beside it")
    }

    private static func openDescriptor(_ path: String, flags: Int32) throws(OutputFileError) -> Int32 {
        while true {
            let descriptor = open(path, flags | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw OutputFileError(path: path, errno: errno) }
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
