import ABTestSupport
import ABEvents
import Foundation
import Testing
@testable import ABKit

/// Mutated experiment files (the bundled ones, byte-flipped, truncated, with quotes, escapes,
/// brackets and odd numbers inserted) must load or fail with a message naming the file: never a
/// trap. A file that loads must also give its analysis options and collector plan, or an error.
@Suite("Fuzz: mutated experiment files")
struct ExperimentFileFuzzTests {
    static func bundled() throws -> [[UInt8]] {
        let directory = RepositoryPaths.root.appendingPathComponent("Experiments")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { Array(try Data(contentsOf: directory.appendingPathComponent($0))) }
    }

    static func check(_ bytes: [UInt8], _ context: @autoclosure () -> String) {
        do {
            let spec = try ExperimentSpec.parse(Data(bytes), file: "mutated.json")
            _ = try? spec.analysisOptions()
            _ = try? spec.collectorPlan()
            _ = spec.dosesByVariant
        } catch {
            #expect(!error.lines.isEmpty && error.lines.allSatisfy { !$0.isEmpty }, "an error without a message: \(context())")
            #expect(error.lines.first?.contains("mutated.json") == true, "the message does not name the file: \(error.lines.first ?? ""): \(context())")
        }
    }

    @Test("bundled experiment files, mutated")
    func mutated() throws {
        let files = try Self.bundled()
        #expect(files.count >= 4)
        Fuzz.forEachMutation(of: files, edits: 4, seed: 0x15_0007, iterations: 3_000) { bytes, context in
            Self.check(bytes, context)
        }
    }

    /// A mutated file that loads also collects a small log naming its events, so values that
    /// pass the reader but break the collector (a window or day too large for milliseconds) show.
    static func collect(_ bytes: [UInt8], _ context: @autoclosure () -> String) {
        guard let spec = try? ExperimentSpec.parse(Data(bytes), file: "mutated.json"), let plan = try? spec.collectorPlan(),
            let collector = try? EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        else { return }
        let t0: Int64 = 1_793_577_600_000
        // Names from a mutated file may hold quotes, backslashes or newlines: written as JSON strings.
        func quoted(_ name: String) -> String { String(decoding: (try? JSONEncoder().encode(name)) ?? Data("\"\"".utf8), as: UTF8.self) }
        var lines: [String] = []
        for u in 0..<6 {
            let variant = u < 5 && !plan.variants.isEmpty ? #","variant":\#(quoted(plan.variants[u % plan.variants.count]))"# : ""
            lines.append(#"{"user_id":"u\#(u)","event":\#(quoted(plan.exposureEvent ?? "exposure")),"timestamp":\#(t0)\#(variant),"country":"US"}"#)
            let values = plan.valueFields.map { #",\#(quoted($0)):1.5"# }.joined()
            for (k, event) in plan.metricEvents.enumerated() {
                lines.append(#"{"user_id":"u\#(u)","event":\#(quoted(event)),"timestamp":\#(t0 + Int64(u * 1000 + k) * 3_600_000)\#(values)}"#)
            }
        }
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8), name: "fuzz.jsonl"))
        let result = collector.finish()
        #expect(result.accounting.linesRead == lines.count, "\(context())")
    }

    /// Each collection takes some milliseconds, hence the short CI run.
    @Test("bundled experiment files, lightly mutated, that load collect a small log")
    func collected() throws {
        let files = try Self.bundled()
        Fuzz.forEachMutation(of: files, edits: 2, seed: 0x15_000B, iterations: 300) { bytes, context in
            Self.collect(bytes, context)
        }
    }

    @Test("the committed corpus replays clean")
    func corpus() throws {
        let corpus = try Fuzz.corpus("experiment")
        #expect(!corpus.isEmpty)
        for (name, bytes) in corpus {
            Self.check(bytes, "corpus/experiment/\(name)")
            Self.collect(bytes, "corpus/experiment/\(name)")
        }
    }
}
