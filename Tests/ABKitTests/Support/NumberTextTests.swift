@testable import ABCommandLine
import ABTestSupport
import Testing
@testable import ABKit

@Suite("NumberText: numbers echoed as the user wrote them")
struct NumberTextTests {
    @Test("whole numbers in full, others in shortest form", arguments: [
        (4611686018427387904.0, "4611686018427387904"), (-1.0, "-1"), (0.5, "0.5"), (1e21, "1e+21"), (.infinity, "inf"),
    ])
    func exact(_ example: (Double, String)) {
        #expect(NumberText.exact(example.0) == example.1)
    }

    @Test("--alpha 2^62 is echoed exactly (exit 64)")
    func alpha() {
        var options = AnalysisOptions()
        options.alpha = 4611686018427387904
        let error = #expect(throws: ABKitError.self) { try options.validate() }
        #expect(error?.commandLineDescription == "--alpha must be a number strictly between 0 and 1 (got 4611686018427387904)")
    }

    @Test("a summary's quantile of 2^62 is echoed exactly at its JSON path (exit 65)")
    func quantile() throws {
        let path = try RepositoryPaths.temporaryFile("""
            {"experiment": "x", "control": "a", "metrics": [{"id": "m", "type": "mean", "quantile": 4611686018427387904, "variants": [
              {"key": "a", "units": 2, "sum": 1, "sumSquares": 1}, {"key": "b", "units": 2, "sum": 1, "sumSquares": 1}]}]}
            """, name: "q.json")
        let output = AnalyzeRunner(input: .summary(path: path)).run()
        #expect(output.standardError == "error: \(path): metrics[0].quantile: must be a number in (0, 1) (got 4611686018427387904)\n")
        #expect(output.exitCode == .dataError)
    }
}
