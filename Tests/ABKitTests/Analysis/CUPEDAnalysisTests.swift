@testable import ABCommandLine
import ABTestSupport
import ABSummary
import ABEvents
import ABStats
import Foundation
import Testing
@testable import ABKit

@Suite("CUPED from a user table's covariate column, checked against OLS on the raw rows")
struct CUPEDAnalysisTests {
    /// Tests/Reference/make_cuped_users_reference.py: 3,000 seeded users, statsmodels OLS and scipy Welch on the rows.
    private struct Reference: Decodable {
        struct Metric: Decodable {
            struct Sums: Decodable { let units: Int; let sumX, sumXSquares, sumXY: Double }
            let theta, absoluteLift, olsTreatmentCoefficient, controlAdjustedMean, adjustedMean: Double
            let statistic, degreesOfFreedom, pValue, standardError, varianceReduction, olsHC2StandardError, unadjustedPValue: Double
            let ci: [Double]
            let sums: [String: Sums]
        }
        let metrics: [String: Metric]
    }

    private let table = RepositoryPaths.root.appendingPathComponent("Tests/ABKitTests/Fixtures/cuped_users.csv").path

    private func reference() throws -> Reference {
        let url = try #require(Bundle.module.url(forResource: "cuped_users_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static func experiment(analysis: String = #"{"correction": "none"}"#, ship: String = "revenue") -> String {
        """
        {"id": "cuped-users", "variants": [{"key": "control", "weight": 0.5, "control": true}, {"key": "treatment", "weight": 0.5}],
         "metrics": [{"id": "converted", "type": "conversion", "column": "converted", "covariateColumn": "pre_sessions"},
                     {"id": "revenue", "type": "mean", "column": "revenue", "covariateColumn": "pre_revenue", "primary": true}],
         "analysis": \(analysis),
         "decision": {"ship": {"metric": "\(ship)", "significance": true}}}
        """
    }

    private func analyze(_ experiment: String, overrides: AnalysisOverrides = AnalysisOverrides()) throws -> AnalysisResult {
        let path = try RepositoryPaths.temporaryFile(experiment)
        return try AnalyzeRunner(experimentPath: path, input: .collection(DataCollection(kind: .users, paths: [table])), overrides: overrides).analyze()
    }

    private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("the collector's covariate sums and the cuped block agree with the raw-row computation", arguments: ["converted", "revenue"])
    func agreesWithOLS(_ id: String) throws {
        let expected = try #require(try reference().metrics[id])
        let path = try RepositoryPaths.temporaryFile(Self.experiment())
        let summary = try AnalyzeRunner(experimentPath: path, input: .collection(DataCollection(kind: .users, paths: [table]))).summary()
        let metric = try #require(summary.metrics.first { $0.id == id })
        for variant in metric.variants {
            let sums = try #require(expected.sums[variant.key]), x = try #require(variant.covariate)
            #expect(variant.units == sums.units)
            #expect(close(x.sum, sums.sumX, 1e-12) && close(x.sumSquares, sums.sumXSquares, 1e-12) && close(x.sumProducts, sums.sumXY, 1e-12))
        }
        let result = try analyze(Self.experiment())
        let treatment = try #require(result.metrics.first { $0.id == id }?.variants[1])
        let cuped = try #require(treatment.cuped)
        #expect(close(cuped.theta, expected.theta))
        // The adjusted difference is OLS' treatment coefficient.
        #expect(close(cuped.absoluteLift, expected.olsTreatmentCoefficient))
        #expect(close(cuped.absoluteLift, expected.absoluteLift))
        #expect(close(cuped.adjustedMean, expected.adjustedMean) && close(cuped.controlAdjustedMean, expected.controlAdjustedMean))
        #expect(close(cuped.comparison.pValue, expected.pValue, 1e-8))
        #expect(close(cuped.comparison.statistic ?? 0, expected.statistic))
        #expect(close(cuped.comparison.degreesOfFreedom ?? 0, expected.degreesOfFreedom, 1e-8))
        #expect(close(cuped.comparison.standardError ?? 0, expected.standardError))
        #expect(close(cuped.comparison.ci.lower, expected.ci[0], 1e-8) && close(cuped.comparison.ci.upper, expected.ci[1], 1e-8))
        #expect(close(cuped.varianceReduction, expected.varianceReduction))
        // Welch on adjusted values and OLS with HC2 errors agree to well under 1%.
        #expect(abs((cuped.comparison.standardError ?? 0) / expected.olsHC2StandardError - 1) < 0.01)
        // The unadjusted comparison stays beside it, unchanged.
        #expect(close(treatment.frequentist?.pValue ?? 0, expected.unadjustedPValue, 1e-6))
        #expect(cuped.varianceReduction > 0.05)
    }

    @Test("analysis.cuped (or --cuped) makes the significance rule read the adjusted comparison")
    func decision() throws {
        // Revenue: Welch p = 0.054 unadjusted, 0.035 after CUPED (72% less variance).
        let plain = try analyze(Self.experiment())
        #expect(plain.decision?.verdict == .inconclusive)
        #expect(plain.settings.cuped == nil)
        let adjusted = try analyze(Self.experiment(analysis: #"{"correction": "none", "cuped": true}"#))
        #expect(adjusted.decision?.verdict == .ship)
        #expect(adjusted.decision?.reasons.last?.contains("CUPED adjusted p = 0.0346") == true)
        #expect(adjusted.settings.cuped == true)
        #expect(try analyze(Self.experiment(), overrides: AnalysisOverrides(cuped: true)).decision?.verdict == .ship)
        // With a sequential method on as well, the sequential block reads the CUPED comparison.
        let both = try analyze(Self.experiment(analysis: #"{"correction": "none", "cuped": true, "sequential": {"method": "always-valid", "plannedUnitsPerVariant": 1500}}"#))
        let block = try #require(both.metrics[1].variants[1].sequential)
        #expect(block.basis == "cuped")
        #expect(close((block.ci.lower + block.ci.upper) / 2, both.metrics[1].variants[1].cuped!.absoluteLift))
    }

    @Test("abkit aggregate writes the covariate sums, and --summary of its output gives the same result JSON")
    func aggregateRoundTrip() throws {
        let experiment = try RepositoryPaths.temporaryFile(Self.experiment(analysis: #"{"correction": "none", "cuped": true}"#))
        let users = DataCollection(kind: .users, paths: [table])
        let direct = AnalyzeRunner(experimentPath: experiment, input: .collection(users), format: .json, now: Date(timeIntervalSince1970: 0)).run()
        let summaryPath = experiment + ".summary.json"
        #expect(AggregateRunner(experimentPath: experiment, collection: users, outputPath: summaryPath).run().exitCode == .success)
        let written = try String(contentsOfFile: summaryPath, encoding: .utf8)
        #expect(written.contains(#""covariate""#) && written.contains(#""sumProducts""#))
        let viaSummary = AnalyzeRunner(experimentPath: experiment, input: .summary(path: summaryPath), format: .json,
                                       now: Date(timeIntervalSince1970: 0)).run()
        #expect(direct.exitCode == .success && viaSummary.standardOutput == direct.standardOutput)
    }

    @Test("reports add one CUPED line per variant, never NaN", arguments: [ReportFormat.text, .markdown, .html, .json])
    func reports(_ format: ReportFormat) throws {
        let result = try analyze(Self.experiment())
        let text = try AnalyzeRunner(input: .summary(path: "-"), format: format).render(result)
        #expect(!text.lowercased().contains("nan"))
        if format == .json {
            #expect(text.contains(#""cuped" : {"#) && text.contains(#""theta" : "#) && text.contains(#""varianceReduction" : "#))
        } else {
            #expect(text.contains("treatment, CUPED (θ = 0.9033, variance -72.2%): lift +"))
            #expect(!text.contains("CUPED decides"))
        }
    }

    @Test("a summary file's covariate is validated with its JSON path", arguments: [
        (#"{"sum": 1, "sumSquares": -1, "sumProducts": 0}"#, "proportion", "metrics[0].variants[0].covariate.sumSquares"),
        (#"{"sum": 1, "sumSquares": 1, "sumProducts": 0}"#, "ratio", "metrics[0].variants[0].covariate"),
        // Σxy no set of units can give (|Σxy − ΣxΣy/n| = 49.7 > √(2.1 × 0.9)): named, not an abort without a path.
        (#"{"sum": 1, "sumSquares": 1, "sumProducts": 50}"#, "proportion", "metrics[0].variants[0].covariate.sumProducts"),
    ])
    func badCovariate(_ covariate: String, _ type: String, _ location: String) throws {
        let variant = type == "ratio"
            ? #""ratio": {"numerator": 5, "denominator": 10, "numeratorSquares": 5, "denominatorSquares": 20, "cross": 8}"#
            : #""conversions": 3"#
        let summary = """
            {"experiment": "e", "control": "a", "metrics": [{"id": "m", "type": "\(type)", "variants": [
              {"key": "a", "units": 10, \(variant), "covariate": \(covariate)},
              {"key": "b", "units": 10, \(variant)}]}]}
            """
        let output = AnalyzeRunner(input: .summary(path: try RepositoryPaths.temporaryFile(summary))).run()
        #expect(output.exitCode == .dataError)
        #expect(output.standardError.contains(location), "\(output.standardError)")
    }

    @Test("covariates on only some variants leave the metric unadjusted")
    func partialCovariates() throws {
        let summary = SummaryFile(experiment: "e", control: "a", metrics: [SummaryMetric(id: "m", type: .mean, variants: [
            SummaryVariant(key: "a", units: 100, sum: 500, sumSquares: 3000, covariate: CovariateSums(sum: 400, sumSquares: 2000, sumProducts: 2300)),
            SummaryVariant(key: "b", units: 100, sum: 520, sumSquares: 3100)])])
        let result = try SummaryAnalyzer().analyze(summary)
        #expect(result.metrics[0].variants[1].cuped == nil && result.metrics[0].variants[1].frequentist != nil)
    }

    @Test("covariateColumn is refused on metrics CUPED does not adjust")
    func specRefusesRatio() {
        let text = """
            {"id": "e", "variants": [{"key": "a", "weight": 0.5, "control": true}, {"key": "b", "weight": 0.5}],
             "metrics": [{"id": "r", "type": "ratio", "column": "n", "denominatorColumn": "d", "covariateColumn": "x"}]}
            """
        #expect(throws: ExperimentSpecError.self) { try ExperimentSpec.parse(Data(text.utf8)) }
    }
}
