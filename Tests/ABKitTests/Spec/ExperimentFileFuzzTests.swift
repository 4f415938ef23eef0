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
        let seed = Fuzz.seed(0x15_0007), iterations = Fuzz.iterations(3_000)
        var g = SplitMix64(seed: seed)
        for i in 0..<iterations {
            let bytes = Fuzz.mutate(files.randomElement(using: &g)!, edits: 4, using: &g)
            Self.check(bytes, "seed \(seed) iteration \(i): \(Fuzz.describe(bytes))")
        }
    }

    @Test("the committed corpus replays clean")
    func corpus() throws {
        let corpus = try Fuzz.corpus("experiment")
        #expect(!corpus.isEmpty)
        for (name, bytes) in corpus { Self.check(bytes, "corpus/experiment/\(name)") }
    }
}
