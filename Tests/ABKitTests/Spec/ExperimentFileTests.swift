@testable import ABCommandLine
import ABTestSupport
import Foundation
import Testing
@testable import ABKit

@Suite("ExperimentFile: one file-name prefix per message")
struct ExperimentFileTests {
    @Test("an invalid experiment names the file once, its problems indented under it (exit 65)")
    func fileNamedOnce() throws {
        let path = try RepositoryPaths.temporaryFile(#"{"id": "be", "variants": [{"key": 1}]}"#, name: "be.json")
        let summary = RepositoryPaths.experiments("summaries/welcome-message-timing.summary.json")
        let output = AnalyzeRunner(experimentPath: path, input: .summary(path: summary)).run()
        #expect(output.standardError == """
            error: \(path): variants[0].key: expected a non-empty string, got 1
              variants[0].weight: expected a number in [0, 1], got nothing (the field is missing)
              variants: expected at least 2 variants, got 1

            """)
        #expect(output.exitCode == .dataError)
    }

    @Test("an experiment that is not JSON names the file once")
    func invalidJSON() throws {
        let path = try RepositoryPaths.temporaryFile("{", name: "broken.json")
        #expect(throws: ABKitError.badData(path: path, location: "", message: "line 1, column 2: not valid JSON: expected a string key in an object")) {
            _ = try ExperimentFile.load(path)
        }
    }

    @Test("a directory given as the experiment file says so (exit 66), not Foundation's 'error 256'")
    func directory() throws {
        let directory = (try RepositoryPaths.temporaryFile("", name: "x") as NSString).deletingLastPathComponent
        let output = AnalyzeRunner(experimentPath: directory, input: .summary(path: "unused.json")).run()
        #expect(output.standardError == "error: \(directory): cannot read the file: it is a directory, expected a JSON file\n")
        #expect(output.exitCode == .noInput)
    }
}
