@testable import ABCommandLine
import ABSummary
import ABTestSupport
import Foundation
import Testing
@testable import ABKit

/// Mutated summary files (the bundled ones, byte-flipped and truncated, with quotes, escapes,
/// brackets and odd numbers inserted) must decode and validate or fail with an `ABKitError`
/// that names the file: never a trap.
@Suite("Fuzz: mutated summary files")
struct SummaryFileFuzzTests {
    static func bundled() throws -> [[UInt8]] {
        let directory = RepositoryPaths.root.appendingPathComponent("Experiments/summaries")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { Array(try Data(contentsOf: directory.appendingPathComponent($0))) }
    }

    static func check(_ bytes: [UInt8], _ context: @autoclosure () -> String) {
        do {
            let summary = try JSONFileLoader.decode(SummaryFile.self, from: Data(bytes), path: "mutated.json")
            try summary.validate(path: "mutated.json")
            _ = summary.variantKeys
        } catch let error as ABKitError {
            let message = error.errorDescription ?? ""
            #expect(!message.isEmpty && message.contains("mutated.json"), "an error that does not name the file: \(message): \(context())")
        } catch {
            Issue.record("not an ABKitError: \(error): \(context())")
        }
    }

    @Test("bundled summary files, mutated")
    func mutated() throws {
        let files = try Self.bundled()
        #expect(files.count >= 4)
        Fuzz.forEachMutation(of: files, edits: 4, seed: 0x15_0008, iterations: 20_000) { bytes, context in
            Self.check(bytes, context)
        }
    }

    /// A mutated summary that loads goes on to the analysis and its JSON and text reports,
    /// which must finish with a result or an error (numbers at their limits are the risk here).
    static func analyze(_ bytes: [UInt8], _ context: @autoclosure () -> String) {
        guard let summary = try? JSONFileLoader.decode(SummaryFile.self, from: Data(bytes), path: "mutated.json"),
            (try? summary.validate(path: "mutated.json")) != nil
        else { return }
        for format in [ReportFormat.json, .text] {
            let output = AnalyzeRunner(input: .prepared(summary, source: "mutated.json"), format: format, now: Date(timeIntervalSince1970: 0)).run()
            #expect(output.exitCode == .success || !output.standardError.isEmpty, "a failure without a message: \(context())")
        }
    }

    @Test("bundled summary files, mutated, that load are analyzed")
    func analyzed() throws {
        let files = try Self.bundled()
        Fuzz.forEachMutation(of: files, edits: 2, seed: 0x15_0009, iterations: 400) { bytes, context in
            Self.analyze(bytes, context)
        }
    }

    @Test("the committed corpus replays clean")
    func corpus() throws {
        let corpus = try Fuzz.corpus("summary")
        #expect(!corpus.isEmpty)
        for (name, bytes) in corpus {
            Self.check(bytes, "corpus/summary/\(name)")
            Self.analyze(bytes, "corpus/summary/\(name)")
        }
    }
}
