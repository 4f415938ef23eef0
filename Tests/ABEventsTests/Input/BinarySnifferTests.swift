import Foundation
import Testing
@testable import ABEvents

@Suite("Binary inputs are refused by their first bytes, with what they look like")
struct BinarySnifferTests {
    /// Reads `source` to the end and returns the error `checkComplete()` gives, if any.
    func outcome(_ source: ByteSource) -> (bytes: Int, error: CollectorError?) {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { source.read(into: $0) }
            if n == 0 { break }
            total += n
        }
        do { try source.checkComplete(); return (total, nil) } catch { return (total, error) }
    }

    @Test("archives, databases and NUL bytes end the input at once, with a message naming line 1", arguments: [
        ([0x42, 0x5A, 0x68, 0x39, 0x31, 0x41, 0x59], "a bzip2 archive"),
        ([0x28, 0xB5, 0x2F, 0xFD, 0x00], "a zstd archive"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14], "a zip archive"),
        (Array("SQLite format 3".utf8) + [0, 1], "a SQLite database"),
        (Array("user_id,event\n".utf8) + [0, 0], "byte 15 is NUL"),
    ] as [([UInt8], String)])
    func refused(bytes: [UInt8], expected: String) {
        let (read, error) = outcome(ByteSource(bytes: bytes, name: "in.csv"))
        #expect(read == 0)
        guard case let .badInput(path, line, _, message)? = error else { Issue.record("expected a bad-input error"); return }
        #expect(path == "in.csv" && line == 1)
        #expect(message.contains(expected), "\(message)")
    }

    @Test("gzip inside gzip is refused after the first decompression")
    func gzipTwice() throws {
        let dir = NSTemporaryDirectory() + "abkit-sniff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "user_id,event,timestamp\nu1,signup,2026-11-02T00:00:00Z\n".write(toFile: "\(dir)/e.csv", atomically: false, encoding: .utf8)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "gzip -c '\(dir)/e.csv' | gzip -c > '\(dir)/e.csv.gz.gz' && gzip -c '\(dir)/e.csv' > '\(dir)/e.csv.gz'"]
        try shell.run()
        shell.waitUntilExit()
        let twice = outcome(try ByteSource(path: "\(dir)/e.csv.gz.gz"))
        #expect(twice.error?.localizedDescription.contains("gzip data inside gzip") == true)
        let once = outcome(try ByteSource(path: "\(dir)/e.csv.gz"))
        #expect(once.error == nil && once.bytes == 55)
    }

    @Test("text that merely starts with a signature's letters is read as usual")
    func textPasses() {
        for text in ["BZh,user_id\n1,2\n", "PAR,x\n", "{\"user_id\":\"u1\"}\n", "\u{FEFF}user_id,event\n"] {
            let (read, error) = outcome(ByteSource(bytes: Array(text.utf8)))
            #expect(error == nil && read == text.utf8.count, "\(text)")
        }
    }
}
