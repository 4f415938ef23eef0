@testable import ABCommandLine
import ABTestSupport
import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

@Suite("Sequential analysis: always-valid and group-sequential blocks, and decisions on them")
struct SequentialAnalysisTests {
    /// A win that a fixed-horizon test calls (z ≈ 2.1, p ≈ 0.036) but an always-valid one does not yet.
    private let summary = SummaryFile(experiment: "e", control: "control", metrics: [
        SummaryMetric(id: "activated", type: .proportion, variants: [
            SummaryVariant(key: "control", units: 10_000, conversions: 2_000),
            SummaryVariant(key: "treatment", units: 10_000, conversions: 2_120)]),
        SummaryMetric(id: "revenue", type: .mean, variants: [
            SummaryVariant(key: "control", units: 10_000, sum: 50_000, sumSquares: 1_250_000),
            SummaryVariant(key: "treatment", units: 10_000, sum: 52_000, sumSquares: 1_330_000)]),
    ])

    private func analyze(_ sequential: SequentialOptions?, correction: MultipleComparisonCorrection = .none) throws -> AnalysisResult {
        try SummaryAnalyzer(options: AnalysisOptions(correction: correction, sequential: sequential)).analyze(summary)
    }

    @Test("always-valid blocks agree with ABStats' two-sample comparison, for rates and means")
    func alwaysValidMatchesCore() throws {
        let result = try analyze(SequentialOptions(method: .alwaysValid, plannedUnitsPerVariant: 10_000))
        let sequence = try MixtureConfidenceSequence(alpha: 0.05, plannedUnits: 20_000)
        let rate = try sequence.compare(
            control: ProportionSample(units: 10_000, conversions: 2_000), variant: ProportionSample(units: 10_000, conversions: 2_120))
        let mean = try sequence.compare(
            control: MeanSample(units: 10_000, sum: 50_000, sumSquares: 1_250_000),
            variant: MeanSample(units: 10_000, sum: 52_000, sumSquares: 1_330_000))
        for (metric, expected) in zip(result.metrics, [rate, mean]) {
            let block = try #require(metric.variants[1].sequential)
            #expect(metric.variants[0].sequential == nil)
            #expect(block.method == .alwaysValid && block.basis == "unadjusted" && block.plannedUnitsPerVariant == 10_000)
            #expect(abs(block.ci.lower - expected.confidenceInterval.lower) < 1e-12)
            #expect(abs(block.ci.upper - expected.confidenceInterval.upper) < 1e-12)
            #expect(abs(block.pValue - expected.pValue) < 1e-12)
            let relative = try #require(block.relativeCi), expectedRelative = try #require(expected.relativeConfidenceInterval)
            #expect(abs(relative.lower - expectedRelative.lower) < 1e-12 && abs(relative.upper - expectedRelative.upper) < 1e-12)
            // Safe to peek costs width: the always-valid interval contains the fixed one, its p-value is larger.
            let fixed = try #require(metric.variants[1].frequentist)
            #expect(block.ci.lower < fixed.ci.lower && block.ci.upper > fixed.ci.upper)
            #expect(block.pValue > fixed.pValue)
        }
        #expect(result.settings.sequential?.method == .alwaysValid)
    }

    @Test("always-valid p-values are corrected like the fixed ones")
    func alwaysValidCorrection() throws {
        let result = try analyze(SequentialOptions(method: .alwaysValid, plannedUnitsPerVariant: 1_000), correction: .bonferroni)
        let blocks = result.metrics.map { $0.variants[1].sequential! }
        for block in blocks {
            #expect(abs(block.adjustedPValue! - min(1, 2 * block.pValue)) < 1e-15)
            #expect(block.significant == (block.adjustedPValue! < 0.05))
        }
    }

    @Test("group-sequential: z against the O'Brien–Fleming boundary of the look", arguments: [(1, 4.877), (3, 2.680), (5, 2.031)])
    func groupBoundary(look: Int, boundary: Double) throws {
        let result = try analyze(SequentialOptions(method: .group, looks: 5, look: look))
        let block = try #require(result.metrics[0].variants[1].sequential)
        let frequentist = try #require(result.metrics[0].variants[1].frequentist)
        #expect(block.method == .group && block.look == look && block.looks == 5)
        #expect(result.settings.sequential == SequentialOptions(method: .group, looks: 5, look: look, spending: .obrienFleming))
        #expect(abs(block.boundary! - boundary) < 5e-4)
        let z = (result.metrics[0].variants[1].absoluteLift ?? 0) / frequentist.standardError!
        #expect(abs(block.statistic! - z) < 1e-12)
        #expect(block.significant == (abs(z) >= block.boundary!))
        #expect(abs(block.ci.upper - block.ci.lower - 2 * block.boundary! * frequentist.standardError!) < 1e-12)
        // z ≈ 2.1 crosses no boundary of a 5-look O'Brien–Fleming design (the last is 2.031 only at look 5).
        #expect(block.significant == (look == 5))
    }

    @Test("the significance rule ships on the fixed p-value, but not yet on the always-valid one")
    func decisionUsesSequential() throws {
        let policy = DecisionPolicy(primaryMetric: "activated", shipRules: [.significance])
        let fixed = DecisionEngine(policy: policy).decide(try analyze(nil))
        #expect(fixed.verdict == .ship)
        let sequential = DecisionEngine(policy: policy).decide(try analyze(SequentialOptions(method: .alwaysValid, plannedUnitsPerVariant: 10_000)))
        #expect(sequential.verdict == .inconclusive)
        #expect(sequential.reasons.last?.contains("always-valid adjusted p = ") == true)
        let group = DecisionEngine(policy: policy).decide(try analyze(SequentialOptions(method: .group, looks: 5, look: 2)))
        #expect(group.verdict == .inconclusive)
        #expect(group.reasons.last?.contains("at look 2 of 5: |z| = ") == true)
        let last = DecisionEngine(policy: policy).decide(try analyze(SequentialOptions(method: .group, looks: 5, look: 5)))
        #expect(last.verdict == .ship)
        let interval = DecisionPolicy(primaryMetric: "activated", shipRules: [.intervalBeyond(minimumLift: 0, relative: true)])
        #expect(DecisionEngine(policy: interval).decide(try analyze(nil)).verdict == .ship)
        #expect(DecisionEngine(policy: interval).decide(try analyze(SequentialOptions(method: .alwaysValid, plannedUnitsPerVariant: 10_000))).verdict == .inconclusive)
    }

    @Test("a loss the fixed test calls blocks, but the always-valid reading is not sure yet")
    func regressionUsesSequential() throws {
        let losing = SummaryFile(experiment: "e", control: "control", metrics: [
            SummaryMetric(id: "activated", type: .proportion, variants: [
                SummaryVariant(key: "control", units: 10_000, conversions: 2_000),
                SummaryVariant(key: "treatment", units: 10_000, conversions: 1_880)])])
        let policy = DecisionPolicy(primaryMetric: "activated", shipRules: [.significance])
        let fixed = try SummaryAnalyzer(options: AnalysisOptions(correction: .none)).analyze(losing)
        #expect(DecisionEngine(policy: policy).decide(fixed).verdict == .block)
        let sequential = try SummaryAnalyzer(options: AnalysisOptions(
            correction: .none, sequential: SequentialOptions(method: .alwaysValid, plannedUnitsPerVariant: 10_000))).analyze(losing)
        let decision = DecisionEngine(policy: policy).decide(sequential)
        #expect(decision.verdict == .inconclusive)
        #expect(decision.reasons.contains { $0.contains("always-valid adjusted p = ") && $0.contains("(wrong direction)") })
    }

    @Test("the experiment file's analysis.sequential section, completed and overridden by flags")
    func experimentFileAndFlags() throws {
        let file = try RepositoryPaths.temporaryFile(Self.experiment(#"{"method": "always-valid", "plannedUnitsPerVariant": 10000}"#))
        let summaryPath = try RepositoryPaths.temporaryFile(String(decoding: try JSONEncoder().encode(summary), as: UTF8.self), name: "summary.json")
        let result = try AnalyzeRunner(experimentPath: file, input: .summary(path: summaryPath)).analyze()
        #expect(result.metrics[0].variants[1].sequential?.plannedUnitsPerVariant == 10_000)
        #expect(result.decision?.verdict == .inconclusive)
        // --looks/--look switch to a group design; --planned-units retunes the always-valid one.
        let group = try AnalyzeRunner(experimentPath: file, input: .summary(path: summaryPath), overrides: AnalysisOverrides(looks: 5, look: 5)).analyze()
        #expect(group.metrics[0].variants[1].sequential?.method == .group)
        #expect(group.decision?.verdict == .ship)
        let retuned = try AnalyzeRunner(experimentPath: file, input: .summary(path: summaryPath), overrides: AnalysisOverrides(plannedUnitsPerVariant: 500)).analyze()
        #expect(retuned.metrics[0].variants[1].sequential?.plannedUnitsPerVariant == 500)
        // The JSON carries the block additively.
        let json = try ResultJSON.encode(result)
        #expect(json.contains(#""sequential""#) && json.contains(#""method" : "always-valid""#) || json.contains(#""method":"always-valid""#))
    }

    @Test("missing planned units or look is a usage error naming the flag and the field")
    func usage() throws {
        let file = try RepositoryPaths.temporaryFile(Self.experiment(#"{"method": "group", "looks": 4}"#))
        let summaryPath = try RepositoryPaths.temporaryFile(String(decoding: try JSONEncoder().encode(summary), as: UTF8.self), name: "summary.json")
        let output = AnalyzeRunner(experimentPath: file, input: .summary(path: summaryPath)).run()
        #expect(output.exitCode == .usage)
        #expect(output.standardError.contains("--look K"))
        let noUnits = AnalyzeRunner(input: .summary(path: summaryPath), overrides: AnalysisOverrides(sequentialMethod: .alwaysValid)).run()
        #expect(noUnits.exitCode == .usage && noUnits.standardError.contains("--planned-units"))
    }

    @Test("bad sequential sections are listed with their JSON path", arguments: [
        (#"{"method": "weekly"}"#, "analysis.sequential.method"),
        (#"{"method": "group"}"#, "analysis.sequential.looks"),
        (#"{"method": "group", "looks": 3, "look": 4}"#, "analysis.sequential.look"),
        (#"{"method": "group", "looks": 3, "spending": "linear"}"#, "analysis.sequential.spending"),
        (#"{"method": "always-valid", "plannedUnitsPerVariant": 0}"#, "analysis.sequential.plannedUnitsPerVariant"),
    ])
    func badSection(_ section: String, _ path: String) {
        do {
            _ = try ExperimentSpec.parse(Data(Self.experiment(section).utf8))
            Issue.record("expected a problem at \(path)")
        } catch {
            #expect(error.lines.contains { $0.contains(": \(path):") || $0.contains(": \(path) ") }, "\(error.lines)")
        }
    }

    @Test("reports show one line per sequential block, never NaN", arguments: [ReportFormat.text, .markdown, .html])
    func reports(_ format: ReportFormat) throws {
        let result = try analyze(SequentialOptions(method: .alwaysValid, plannedUnitsPerVariant: 10_000))
        let runner = AnalyzeRunner(input: .summary(path: "-"), format: format)
        let text = try runner.render(result)
        #expect(text.contains("treatment, always-valid (planned 10,000/variant): lift +6.00% 95% CI ["))
        #expect(!text.lowercased().contains("nan"))
        let group = try runner.render(try analyze(SequentialOptions(method: .group, looks: 5, look: 3)))
        #expect(group.contains("treatment, look 3 of 5: z = +2.098"))
        #expect(group.contains("vs boundary ±2.68"))
        #expect(text.contains("always-valid, planned 10,000/variant") && group.contains("group look 3 of 5, obrien-fleming"))
    }

    static func experiment(_ sequential: String) -> String {
        """
        {"id": "e", "variants": [{"key": "control", "weight": 0.5, "control": true}, {"key": "treatment", "weight": 0.5}],
         "metrics": [{"id": "activated", "type": "conversion", "event": "a", "primary": true},
                     {"id": "revenue", "type": "mean", "event": "p", "value": "amount"}],
         "analysis": {"alpha": 0.05, "correction": "none", "sequential": \(sequential)},
         "decision": {"ship": {"metric": "activated", "significance": true}}}
        """
    }
}
