@testable import ABCommandLine
import ABTestSupport
import Testing
@testable import ABKit

@Suite("Ratio sums in a summary file: errors name their JSON path")
struct RatioValidationTests {
    @Test("an impossible ratio sum is reported at the file's own field", arguments: [
        // (Σnum)² = 25 > units × Σnum² = 10.
        (#"{"numerator": 5, "denominator": 10, "numeratorSquares": 1, "denominatorSquares": 20, "cross": 8}"#, "ratio.numeratorSquares"),
        (#"{"numerator": 5, "denominator": 10, "numeratorSquares": 5, "denominatorSquares": 20, "cross": 1000}"#, "ratio.cross"),
        (#"{"numerator": 5, "denominator": 10, "numeratorSquares": 5, "denominatorSquares": 1, "cross": 8}"#, "ratio.denominatorSquares"),
    ])
    func badRatio(_ ratio: String, _ field: String) throws {
        let good = #"{"numerator": 5, "denominator": 10, "numeratorSquares": 5, "denominatorSquares": 20, "cross": 8}"#
        let summary = """
            {"experiment": "e", "control": "a", "metrics": [{"id": "m", "type": "ratio", "variants": [
              {"key": "a", "units": 10, "ratio": \(good)},
              {"key": "b", "units": 10, "ratio": \(ratio)}]}]}
            """
        let output = AnalyzeRunner(input: .summary(path: try RepositoryPaths.temporaryFile(summary))).run()
        #expect(output.exitCode == .dataError)
        #expect(output.standardError.contains("metrics[0].variants[1].\(field)"), "\(output.standardError)")
    }
}
