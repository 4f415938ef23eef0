import Foundation
import Testing
@testable import ABEvents

#if canImport(Glibc)
import Glibc
#endif

@Suite("Output files: replace, stream, append, and never harm what is at the path")
struct OutputFileTests {
    /// A fresh directory for one test.
    func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "abkit-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func mode(_ path: String, followingLinks: Bool = true) -> mode_t {
        var status = stat()
        _ = followingLinks ? stat(path, &status) : lstat(path, &status)
        return status.st_mode
    }

    @Test("replace writes the whole document and leaves no temporary file behind")
    func replaceWrites() throws {
        let dir = try scratch()
        try OutputFile.write("one".utf8, to: "\(dir)/out.json")
        try OutputFile.write("two".utf8, to: "\(dir)/out.json")
        #expect(try read("\(dir)/out.json") == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.json"])
    }

    @Test("a replaced file keeps its permission bits")
    func replaceKeepsMode() throws {
        let dir = try scratch()
        let path = "\(dir)/summary.json"
        try OutputFile.write("old".utf8, to: path)
        chmod(path, 0o640)
        try OutputFile.write("new".utf8, to: path)
        #expect(mode(path) & 0o777 == 0o640)
        #expect(try read(path) == "new")
    }

    @Test("a symbolic link is written through and stays a link, also when it dangles")
    func symlinksFollowed() throws {
        let dir = try scratch()
        try "old".write(toFile: "\(dir)/target.json", atomically: false, encoding: .utf8)
        symlink("target.json", "\(dir)/link.json")
        for strategy in [OutputFile.Strategy.replace, .stream] {
            try OutputFile.write("via link \(strategy)".utf8, to: "\(dir)/link.json", strategy: strategy)
            #expect(mode("\(dir)/link.json", followingLinks: false) & S_IFMT == S_IFLNK)
            #expect(try read("\(dir)/target.json") == "via link \(strategy)")
        }
        symlink("\(dir)/missing.json", "\(dir)/dangling.json")
        try OutputFile.write("made".utf8, to: "\(dir)/dangling.json")
        #expect(mode("\(dir)/dangling.json", followingLinks: false) & S_IFMT == S_IFLNK)
        #expect(try read("\(dir)/missing.json") == "made")
    }

    @Test("a FIFO is written in place, whatever the strategy, and stays a FIFO")
    func fifoInPlace() throws {
        let dir = try scratch()
        let path = "\(dir)/pipe"
        #expect(mkfifo(path, 0o600) == 0)
        for strategy in [OutputFile.Strategy.replace, .stream] {
            let received = LockedBox<Data>()
            let reader = Thread {
                let handle = FileHandle(forReadingAtPath: path)
                received.value = (try? handle?.readToEnd()) ?? Data()
            }
            reader.start()
            try OutputFile.write("through the pipe".utf8, to: path, strategy: strategy)
            for _ in 0..<5_000 where received.value == nil { usleep(1000) }
            try #require(received.value != nil)
            #expect(String(decoding: received.value!, as: UTF8.self) == "through the pipe")
            #expect(mode(path) & S_IFMT == S_IFIFO)
        }
    }

    @Test("a character device (a /dev/null made with mknod) is written in place and survives")
    func characterDeviceInPlace() throws {
        // Making a device node needs root, as CI runs; elsewhere the FIFO test covers the path.
        guard getuid() == 0 else { return }
        let dir = try scratch()
        let path = "\(dir)/null"
        #expect(mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
        for strategy in [OutputFile.Strategy.replace, .stream, .append] {
            try OutputFile.write("discarded".utf8, to: path, strategy: strategy)
            #expect(mode(path) & S_IFMT == S_IFCHR)
        }
    }

    @Test("append adds to the end and creates a missing file")
    func append() throws {
        let dir = try scratch()
        try OutputFile.write("a\n".utf8, to: "\(dir)/log", strategy: .append)
        try OutputFile.write("b\n".utf8, to: "\(dir)/log", strategy: .append)
        #expect(try read("\(dir)/log") == "a\nb\n")
    }

    @Test("an abandoned replacement leaves the old file whole and no temporary file")
    func abandoned() throws {
        let dir = try scratch()
        try OutputFile.write("keep me".utf8, to: "\(dir)/out.json")
        do {
            let file = try OutputFile(path: "\(dir)/out.json", strategy: .replace)
            file.write(Array("half a docu".utf8))
        }
        #expect(try read("\(dir)/out.json") == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.json"])
    }

    @Test("unwritable paths are errors that name the path and say why")
    func errors() throws {
        let dir = try scratch()
        #expect(throws: OutputFileError(path: dir, reason: "is a directory; give a file name")) {
            try OutputFile(path: dir, strategy: .replace)
        }
        #expect(throws: OutputFileError(path: "", reason: "the file name is empty")) {
            try OutputFile(path: "", strategy: .stream)
        }
        do {
            _ = try OutputFile(path: "\(dir)/no/such/dir/out.json", strategy: .replace)
            Issue.record("expected an error")
        } catch {
            #expect(error.localizedDescription.hasPrefix("\(dir)/no/such/dir/out.json: cannot write: "))
            #expect(error.code == ENOENT)
        }
    }
}

/// A value handed between threads in a test.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
