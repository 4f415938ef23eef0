@testable import ABCommandLine
import ABTestSupport
import ABSummary
import Testing
@testable import ABKit

/// Issue 15: `distribution` and `quantile` entries are validated at their JSON paths, and a bad
/// survival row is reported at the field the file has.
@Suite("SummaryFile validation: distribution, quantile, survival rows")
struct SummaryFileTests {
    static func run(_ text: String) throws -> (path: String, output: CommandOutput) {
        let path = try RepositoryPaths.temporaryFile(text, name: "summary.json")
        return (path, AnalyzeRunner(input: .summary(path: path)).run())
    }

    static func mean(distribution: String) -> String {
        """
        {"experiment": "x", "control": "a", "metrics": [{"id": "m", "type": "mean", "quantile": 0.5, "variants": [
          {"key": "a", "units": 2, "sum": 1, "sumSquares": 1, "distribution": \(distribution)},
          {"key": "b", "units": 2, "sum": 1, "sumSquares": 1, "distribution": [{"value": 0, "count": 1}, {"value": 1, "count": 1}]}]}]}
        """
    }

    @Test("bad distribution entries exit 65 at their JSON path instead of stopping the process", arguments: [
        (#"[{"value": 1, "count": -5}]"#, "metrics[0].variants[0].distribution[0].count: must be ≥ 0 (got -5)"),
        (#"[{"value": 0, "count": 1}, {"value": 1, "count": 9223372036854775807}]"#,
         "metrics[0].variants[0].distribution[1].count: the counts up to here add up to more than units (2): each unit has one value"),
    ])
    func distribution(_ example: (String, String)) throws {
        let (path, output) = try Self.run(Self.mean(distribution: example.0))
        #expect(output.standardError == "error: \(path): \(example.1)\n")
        #expect(output.exitCode == .dataError)
    }

    @Test("a quantile level outside (0, 1) exits 65 at its JSON path")
    func quantile() throws {
        let text = Self.mean(distribution: #"[{"value": 0, "count": 2}]"#).replacingOccurrences(of: #""quantile": 0.5"#, with: #""quantile": -1"#)
        let (path, output) = try Self.run(text)
        #expect(output.standardError == "error: \(path): metrics[0].quantile: must be a number in (0, 1) (got -1)\n")
        #expect(output.exitCode == .dataError)
    }

    @Test("a bad survival row is reported as survival[N], the file's own field")
    func survivalRow() throws {
        let (path, output) = try Self.run("""
            {"experiment": "x", "control": "a", "metrics": [{"id": "t", "type": "survival", "variants": [
              {"key": "a", "units": 1, "survival": [{"time": -3, "events": 1, "censored": 0}]},
              {"key": "b", "units": 1, "survival": [{"time": 3, "events": 1, "censored": 0}]}]}]}
            """)
        #expect(output.standardError == "error: \(path): metrics[0].variants[0].survival[0].time: must be a finite number ≥ 0 (got -3)\n")
        #expect(output.exitCode == .dataError)
    }
}
