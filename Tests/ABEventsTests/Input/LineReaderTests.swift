import ABTestSupport
import Foundation
import Testing
@testable import ABEvents

@Suite("Line splitting: line ends, BOM, long lines, gzip")
struct LineReaderTests {
    func lines(_ bytes: [UInt8], limit: Int = 1 << 20) -> [String] {
        var reader = LineReader(source: ByteSource(bytes: bytes), maximumLineBytes: limit)
        var out: [String] = []
        while let line = reader.next() {
            switch line {
            case .text(let b): out.append(String(decoding: b, as: UTF8.self))
            case let .tooLong(line): out.append("TOO LONG \(line.length) \(String(decoding: line.bytes.prefix(3), as: UTF8.self))")
            }
        }
        return out
    }

    @Test("LF, CRLF, a BOM and a last line without a line end")
    func lineEnds() {
        #expect(lines([0xEF, 0xBB, 0xBF] + Array("a\r\nb\n\nc".utf8)) == ["a", "b", "", "c"])
        #expect(lines(Array("a\n".utf8)) == ["a"])
        #expect(lines([]) == [])
    }

    @Test("a line over the limit is reported with its length and skipped, wherever it falls")
    func longLines() {
        let long = String(repeating: "x", count: 5000)
        #expect(lines(Array("a\n\(long)\nb".utf8), limit: 1000) == ["a", "TOO LONG 5000 xxx", "b"])
        #expect(lines(Array("\(long)".utf8), limit: 1000) == ["TOO LONG 5000 xxx"])
        // Longer than the reader's buffer too.
        let huge = String(repeating: "y", count: 9 << 20)
        #expect(lines(Array("\(huge)\nz\n".utf8), limit: 1 << 20) == ["TOO LONG \(9 << 20) yyy", "z"])
    }

    @Test("an over-long line is kept whole without its line end, in memory or spooled, so its reject loses nothing")
    func longLinesKeptWhole() {
        var generator = SystemRandomNumberGenerator()
        for size in [5_000, 9 << 20] {
            let body = (0..<size).map { _ in UInt8.random(in: 0x20...0xFF, using: &generator) }
            for ending: [UInt8] in [[0x0A], [0x0D, 0x0A], []] {
                var reader = LineReader(source: ByteSource(bytes: Array("a\n".utf8) + body + ending + Array("b".utf8)), maximumLineBytes: 1000)
                var seen: [[UInt8]] = []
                while let line = reader.next() {
                    switch line {
                    case .text(let bytes): seen.append(Array(bytes))
                    case .tooLong(let line):
                        #expect(line.length == line.bytes.count)
                        seen.append(line.bytes)
                    }
                }
                let expected: [[UInt8]] = ending.isEmpty ? [Array("a".utf8), body + Array("b".utf8)] : [Array("a".utf8), body, Array("b".utf8)]
                #expect(seen == expected, "size \(size), ending \(ending)")
            }
        }
    }

    @Test("lines spanning buffer refills come out whole")
    func refills() {
        let many = (0..<200_000).map { "line-\($0)" }
        #expect(lines(Array(many.joined(separator: "\n").utf8)) == many)
    }

    /// A block's lines as the collector splits them (CR dropped, over-long lines reported).
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> [String] {
        var out: [String] = []
        var split = BlockLines(bytes)
        while let range = split.next() {
            let line = UnsafeBufferPointer(rebasing: bytes[range])
            if range.count > max(limit, LineReader.prefixLength) {
                out.append("TOO LONG \(trimmedCR(line).count) \(String(decoding: line.prefix(3), as: UTF8.self))")
            } else {
                out.append(String(decoding: trimmedCR(line), as: UTF8.self))
            }
        }
        return out
    }

    /// The lines `nextBlock()` yields, split as the collector splits them (CR dropped, over-long
    /// lines reported), in the same form as ``lines(_:limit:)``.
    func blockLines(_ source: ByteSource, limit: Int = 1 << 20) -> [String] {
        var reader = LineReader(source: source, maximumLineBytes: limit)
        var out: [String] = []
        while let block = reader.nextBlock() {
            switch block {
            case let .lines(bytes):
                out += Self.split(bytes, limit: limit)
            case let .tooLong(line): out.append("TOO LONG \(line.length) \(String(decoding: line.bytes.prefix(3), as: UTF8.self))")
            }
        }
        return out
    }

    /// The lines of blocks taken with `nextBlock(exchanging:)`, all kept until the end: a block
    /// handed over must stay intact while the reader goes on with other buffers.
    func exchangedBlockLines(_ source: ByteSource, limit: Int) -> [String] {
        var reader = LineReader(source: source, maximumLineBytes: limit)
        var kept: [(UnsafeMutableRawBufferPointer, UnsafeBufferPointer<UInt8>?, String?)] = []
        while true {
            var spare = UnsafeMutableRawBufferPointer.allocate(byteCount: reader.blockCapacity, alignment: 16)
            guard let block = reader.nextBlock(exchanging: &spare) else { spare.deallocate(); break }
            switch block {
            case let .lines(bytes): kept.append((spare, bytes, nil))
            case let .tooLong(line):
                kept.append((spare, nil, "TOO LONG \(line.length) \(String(decoding: line.bytes.prefix(3), as: UTF8.self))"))
            }
        }
        var out: [String] = []
        for (buffer, bytes, tooLong) in kept {
            if let tooLong { out.append(tooLong) }
            if let bytes {
                out += Self.split(bytes, limit: limit)
            }
            buffer.deallocate()
        }
        return out
    }

    @Test("blocks of lines split into exactly the lines next() returns, across refills and long lines")
    func blocksMatchLines() {
        let long = String(repeating: "x", count: 5000)
        let huge = String(repeating: "y", count: 9 << 20)
        var inputs: [[UInt8]] = [
            [0xEF, 0xBB, 0xBF] + Array("a\r\nb\n\nc".utf8), Array("a\n".utf8), [], Array("\n".utf8), Array("\n\n".utf8),
            Array("a\n\(long)\nb".utf8), Array(long.utf8), Array("\(huge)\nz\n".utf8), Array("z\n\(huge)".utf8),
        ]
        // Several megabytes of lines of random lengths, with over-long ones and CRLFs among them.
        var generator = SplitMix64(seed: 7)
        let mixed = (0..<60_000).map { i -> String in
            let length = Int.random(in: 0..<(i % 997 == 0 ? 3000 : 200), using: &generator)
            return "\(i):" + String(repeating: "m", count: length) + (i % 5 == 0 ? "\r" : "")
        }
        inputs.append(Array(mixed.joined(separator: "\n").utf8))
        for input in inputs {
            let expected = lines(input, limit: 1000)
            #expect(blockLines(ByteSource(bytes: input), limit: 1000) == expected)
            // The same bytes arriving in small pieces, as from a pipe.
            var offset = 0
            let piecewise = ByteSource(name: "pipe") {
                guard offset < input.count else { return nil }
                defer { offset += 70_000 }
                return Array(input[offset..<min(offset + 70_000, input.count)])
            }
            #expect(blockLines(piecewise, limit: 1000) == expected)
            #expect(exchangedBlockLines(ByteSource(bytes: input), limit: 1000) == expected)
        }
    }

    @Test("a large line limit does not make blocks (and the chunks holding them) large")
    func blockSize() {
        let many = (0..<400_000).map { "line-\($0)-" + String(repeating: "z", count: 20) }
        let limit = 64 << 20
        var reader = LineReader(source: ByteSource(bytes: Array(many.joined(separator: "\n").utf8)), maximumLineBytes: limit)
        #expect(reader.blockCapacity > 2 * limit)
        var sizes: [Int] = []
        var lines: [String] = []
        while let block = reader.nextBlock() {
            guard case let .lines(bytes) = block else { continue }
            sizes.append(bytes.count)
            lines += Self.split(bytes, limit: limit)
        }
        #expect(lines == many)
        #expect(sizes.count >= 3 && sizes.max()! <= (1 << 22) + (1 << 16))
    }

    @Test("gzip input is detected by its magic bytes and decompressed")
    func gzip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("abkit-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let plain = directory.appendingPathComponent("events.jsonl")
        let text = (0..<50_000).map { "{\"n\":\($0)}" }.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: plain)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-k", plain.path]
        try process.run()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try ByteSource(path: plain.path + ".gz")
        var reader = LineReader(source: source)
        var count = 0
        var last = ""
        while case .text(let b)? = reader.next() { count += 1; last = String(decoding: b, as: UTF8.self) }
        #expect(count == 50_000)
        #expect(last == "{\"n\":49999}")
        try source.checkComplete()

        // Cut off mid-stream: the lines before the cut come out, then the source says it ended early.
        let compressed = try Data(contentsOf: URL(fileURLWithPath: plain.path + ".gz"))
        let truncated = directory.appendingPathComponent("truncated.jsonl.gz")
        try compressed.prefix(compressed.count / 2).write(to: truncated)
        let cut = try ByteSource(path: truncated.path)
        var partial = LineReader(source: cut)
        var partialCount = 0
        while case .some = partial.next() { partialCount += 1 }
        #expect(partialCount < 50_000)
        #expect(throws: CollectorError.self) { try cut.checkComplete() }
        if case let .unreadable(path, reason)? = cut.readError {
            #expect(path == truncated.path)
            #expect(reason.hasPrefix("is gzip-compressed but cannot be decompressed to the end (gzip exit 1"), "\(reason)")
        } else {
            Issue.record("a truncated gzip file must leave a read error")
        }
    }

    @Test("a missing file is a missing-input error")
    func missing() {
        #expect(throws: CollectorError.missingInput(path: "/nonexistent/events.jsonl")) {
            _ = try ByteSource(path: "/nonexistent/events.jsonl")
        }
    }
}
