import Foundation
import Testing
@testable import ABEvents

#if canImport(Glibc)
import Glibc
#endif

@Suite("Progress on a terminal: what is drawn, when, and that every byte is counted")
struct ProgressMeterTests {
    @Test("a line with the total: amount, share, rate and time left")
    func renderWithTotal() {
        let line = ProgressMeter.render(label: "reading events", done: 412_000_000, total: 1_648_000_000, unit: .bytes, elapsed: .seconds(2))
        #expect(line == "reading events: 412 MB of 1.65 GB (25%), 206 MB/s, 6 s left")
    }

    @Test("a line without a total: amount, rate and time so far; waiting shows the time alone")
    func renderWithoutTotal() {
        #expect(ProgressMeter.render(label: "simulating", done: 2_100_000, total: nil, unit: .items("lines"), elapsed: .seconds(75))
            == "simulating: 2,100,000 lines, 28,000 lines/s, 1 min 15 s so far")
        #expect(ProgressMeter.render(label: "waiting for sc://127.0.0.1:15002", done: 0, total: nil, unit: .elapsed, elapsed: .milliseconds(12_400))
            == "waiting for sc://127.0.0.1:15002: 12 s")
        #expect(ProgressMeter.render(label: "loading", done: 10, total: 10, unit: .bytes, elapsed: .zero) == "loading: 10 B of 10 B (100%), 0 B/s, 0 s so far")
    }

    /// What a meter writes to a pipe while `work` runs.
    func drawn(enabled: Bool = true, _ work: (ProgressMeter) -> Void) throws -> String {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let meter = ProgressMeter(label: "reading events", total: 1_000, unit: .bytes, enabled: enabled, descriptor: ends[1])
        work(meter)
        meter.finish()
        close(ends[1])
        let text = String(decoding: FileHandle(fileDescriptor: ends[0], closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self)
        return text
    }

    @Test("a run longer than half a second draws in place and clears the line at the end")
    func drawsAndClears() throws {
        let text = try drawn { meter in
            meter.advance(by: 250)
            Thread.sleep(forTimeInterval: 0.9)
        }
        #expect(text.hasPrefix("\r\u{1B}[Kreading events: 250 B of 1 kB (25%)"))
        #expect(text.hasSuffix("\r\u{1B}[K"))
        #expect(!text.contains("\n"))
    }

    @Test("a quick run, or a meter that is not enabled, draws nothing")
    func quietWhenQuickOrDisabled() throws {
        #expect(try drawn { $0.advance(by: 1_000) }.isEmpty)
        #expect(try drawn(enabled: false) { meter in
            meter.advance(by: 10)
            Thread.sleep(forTimeInterval: 0.7)
        }.isEmpty)
    }

    @Test("the collector reports every byte of a plain and of a gzip file, whose compressed size is the total")
    func collectorCountsFileBytes() throws {
        let dir = NSTemporaryDirectory() + "abkit-progress-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = (0..<50_000).map {
            #"{"user_id":"u\#($0)","event":"signup","timestamp":"2026-11-02T00:00:00Z","experiment":"exp","variant":"\#($0 % 2 == 0 ? "a" : "b")"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: "\(dir)/e.jsonl", atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(dir)/e.jsonl' > '\(dir)/e.jsonl.gz'"]
        try gzip.run()
        gzip.waitUntilExit()
        for name in ["e.jsonl", "e.jsonl.gz"] {
            let path = "\(dir)/\(name)"
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            let collector = try EventCollector(plan: try EventCollectorTests.plan(), rejects: try RejectWriter(path: nil))
            let meter = ProgressMeter(label: "reading events", total: size, unit: .bytes, enabled: false)
            collector.progress = meter
            let source = try ByteSource(path: path)
            collector.ingest(source)
            #expect(meter.completed == size, "\(name)")
            #expect(collector.finish().accounting.linesRead == lines.count)
        }
    }
}
