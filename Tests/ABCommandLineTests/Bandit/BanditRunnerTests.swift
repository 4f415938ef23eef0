import ABTestSupport
import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

@Suite("abkit bandit: Thompson sampling weights, run in-process")
struct BanditRunnerTests {
    let summary = RepositoryPaths.experiments("summaries/welcome-message-timing.summary.json")
    let experimentText: String = (try? String(
        contentsOfFile: RepositoryPaths.experiments("welcome-message-timing.json"), encoding: .utf8)) ?? ""

    func experiment() throws -> String { try RepositoryPaths.temporaryFile(experimentText, name: "experiment.json") }

    @Test("weights are P(best) under the Beta posteriors, matching scipy's quadrature, and sum to 1 exactly")
    func weights() throws {
        let report = try BanditRunner(experimentPath: try experiment(), input: .summary(path: summary)).recommend()
        #expect(report.metric == "activated_7d" && report.type == .proportion)
        #expect(report.arms.map(\.key) == ["immediate", "one-hour", "next-morning"])
        // scipy.integrate.quad of f_i ∏ F_j for Beta(804, 3210), Beta(852, 3027), Beta(813, 3091).
        let scipy = [0.01137477529300034, 0.8812946940116893, 0.10733053069505981]
        for (arm, p) in zip(report.arms, scipy) { #expect(abs(arm.chanceToBeBest - p) < 1e-7, "\(arm.key)") }
        #expect(report.arms.map(\.weight) == [0.0114, 0.8813, 0.1073])
        #expect(report.arms.map { Int(($0.weight * 10_000).rounded()) }.reduce(0, +) == 10_000)
        #expect(report.arms.map(\.currentWeight) == [0.34, 0.33, 0.33])
    }

    @Test("the floor lifts weak arms and renormalises the rest in proportion")
    func floor() throws {
        let report = try BanditRunner(experimentPath: try experiment(), input: .summary(path: summary), floor: 0.05).recommend()
        let w = report.arms.map(\.weight)
        #expect(w[0] == 0.05)
        #expect(abs(w[1] / w[2] - 0.8812946940116893 / 0.10733053069505981) < 0.01)
        #expect(w.map { Int(($0 * 10_000).rounded()) }.reduce(0, +) == 10_000)
    }

    struct FloorCase: Sendable, CustomTestStringConvertible {
        let chances: [Double], floor: Double, expected: [Int]
        var testDescription: String { "\(chances) floor \(floor)" }
    }

    static let floorCases: [FloorCase] = [
        FloorCase(chances: [0.5, 0.3, 0.2], floor: 0, expected: [5000, 3000, 2000]),
        FloorCase(chances: [1, 0, 0], floor: 0.1, expected: [8000, 1000, 1000]),
        FloorCase(chances: [0.98, 0.015, 0.005], floor: 0.02, expected: [9600, 200, 200]),
        FloorCase(chances: [1.0 / 3, 1.0 / 3, 1.0 / 3], floor: 0, expected: [3334, 3333, 3333]),
        FloorCase(chances: [0.9, 0.1], floor: 0.5, expected: [5000, 5000]),
    ]

    @Test("water-filling and rounding", arguments: floorCases)
    func waterFilling(_ c: FloorCase) throws {
        let (chances, floor, expected) = (c.chances, c.floor, c.expected)
        let weights = try ThompsonWeights.floored(chances, floor: floor)
        #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
        #expect(weights.allSatisfy { $0 >= floor - 1e-12 })
        #expect(ThompsonWeights.rounded(weights, floor: floor) == expected)
    }

    @Test("--write patches only the weight numbers and the file still validates")
    func write() throws {
        let path = try experiment()
        let output = BanditRunner(experimentPath: path, input: .summary(path: summary), write: true).run()
        #expect(output.exitCode == .success, "\(output.standardError)")
        #expect(output.standardOutput.contains("Weights written to"))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        let expected = experimentText
            .replacingOccurrences(of: "\"weight\": 0.34,", with: "\"weight\": 0.0114,")
            .replacingOccurrences(of: "\"key\": \"one-hour\", \"weight\": 0.33,", with: "\"key\": \"one-hour\", \"weight\": 0.8813,")
            .replacingOccurrences(of: "\"key\": \"next-morning\", \"weight\": 0.33,", with: "\"key\": \"next-morning\", \"weight\": 0.1073,")
        #expect(written == expected)
        let spec = try ExperimentFile.load(path)
        #expect(spec.variants.map(\.weight) == [0.0114, 0.8813, 0.1073])
    }

    @Test("JSON output")
    func json() throws {
        let output = BanditRunner(experimentPath: try experiment(), input: .summary(path: summary), format: .json).run()
        #expect(output.exitCode == .success)
        let root = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let arms = try #require(root["arms"] as? [[String: Any]])
        #expect(arms.map { $0["key"] as? String } == ["immediate", "one-hour", "next-morning"])
        #expect(Set(arms[0].keys).isSuperset(of: ["chanceToBeBest", "weight", "currentWeight", "units"]))
    }

    @Test("bad input: floor out of range, wrong experiment, missing primary metric, unsupported format")
    func badInput() throws {
        let path = try experiment()
        let tooHigh = BanditRunner(experimentPath: path, input: .summary(path: summary), floor: 0.4).run()
        #expect(tooHigh.exitCode == .usage && tooHigh.standardError.contains("--floor"))
        let other = RepositoryPaths.experiments("summaries/onboarding-checklist.summary.json")
        #expect(BanditRunner(experimentPath: path, input: .summary(path: other)).run().exitCode == .dataError)
        let noPrimary = try RepositoryPaths.temporaryFile(
            #"{"experiment": "welcome-message-timing", "control": "immediate", "metrics": [{"id": "x", "type": "proportion", "variants": [{"key": "immediate", "units": 10, "conversions": 1}, {"key": "one-hour", "units": 10, "conversions": 2}]}]}"#)
        let missing = BanditRunner(experimentPath: path, input: .summary(path: noPrimary)).run()
        #expect(missing.exitCode == .dataError && missing.standardError.contains("activated_7d"))
        #expect(BanditRunner(experimentPath: path, input: .summary(path: summary), format: .html).run().exitCode == .usage)
        #expect(BanditRunner(experimentPath: "/nonexistent/x.json", input: .summary(path: summary)).run().exitCode == .noInput)
    }

    @Test("an arm without data yet keeps the prior")
    func newArm() throws {
        let partial = try RepositoryPaths.temporaryFile(
            #"{"experiment": "welcome-message-timing", "control": "immediate", "metrics": [{"id": "activated_7d", "type": "proportion", "variants": [{"key": "immediate", "units": 1000, "conversions": 200}, {"key": "one-hour", "units": 1000, "conversions": 230}]}]}"#)
        let report = try BanditRunner(experimentPath: try experiment(), input: .summary(path: partial)).recommend()
        #expect(report.arms[2].units == 0 && report.arms[2].mean == nil)
        #expect(abs(report.arms[2].posteriorMean - 0.5) < 1e-12)
        #expect(report.arms.map { Int(($0.weight * 10_000).rounded()) }.reduce(0, +) == 10_000)
    }

    @Test("user tables are collected with the experiment's metrics (Cookie Cats: gate_30 is best on 7-day retention)")
    func users() throws {
        let collection = DataCollection(kind: .users, paths: [RepositoryPaths.experiments("data/cookie_cats.csv.gz")])
        let report = try BanditRunner(
            experimentPath: RepositoryPaths.experiments("cookie-cats-gate.json"), input: .collection(collection)).recommend()
        #expect(report.arms.map(\.key) == ["gate_30", "gate_40"])
        #expect(report.arms.map(\.units) == [44_700, 45_489])
        #expect(report.arms.map(\.weight) == [0.99, 0.01])
        #expect(report.arms[0].chanceToBeBest > 0.999)
    }

    @Test("the patcher finds variants[].weight in any layout and touches nothing else")
    func patcher() throws {
        let text = """
            {"variants":[
              {"message": {"weight": 7}, "weight" :0.5,"key":"a"},
              {
                "key": "b",
                "weight":
                  5e-1
              }],
             "weight": 3, "metrics": [{"variants": [{"weight": 1}]}]}
            """
        let patched = try ExperimentWeightPatcher.patch(Data(text.utf8), weights: ["0.25", "0.75"], path: "x.json")
        let expected = text.replacingOccurrences(of: "\"weight\" :0.5", with: "\"weight\" :0.25")
            .replacingOccurrences(of: "5e-1", with: "0.75")
        #expect(String(decoding: patched, as: UTF8.self) == expected)
        #expect(throws: ABKitError.self) {
            try ExperimentWeightPatcher.patch(Data(#"{"variants": [{"key": "a"}, {"weight": 1}]}"#.utf8), weights: ["0.5", "0.5"], path: "x")
        }
        #expect(throws: ABKitError.self) {
            try ExperimentWeightPatcher.patch(Data(#"{"variants": [{"weight": 1}]"#.utf8), weights: ["1"], path: "x")
        }
        #expect(throws: ABKitError.self) {
            try ExperimentWeightPatcher.patch(Data(#"{"variants": [{"weight": 1}]}"#.utf8), weights: ["0.5", "0.5"], path: "x")
        }
    }

    @Test("a mean primary metric uses the normal posteriors")
    func meanMetric() throws {
        let text = experimentText
            .replacingOccurrences(of: "\"window\": \"P7D\", \"primary\": true", with: "\"window\": \"P7D\"")
            .replacingOccurrences(of: "\"window\": \"P30D\",", with: "\"window\": \"P30D\", \"primary\": true,")
        let path = try RepositoryPaths.temporaryFile(text, name: "experiment.json")
        let report = try BanditRunner(experimentPath: path, input: .summary(path: summary)).recommend()
        #expect(report.metric == "revenue_30d" && report.type == .mean)
        let summaryFile = try SummaryFile.load(from: summary)
        let samples = try summaryFile.metrics[2].variants.map { variant -> MeanSample in
            guard case let .mean(sample) = try variant.statistics(for: .mean) else { throw ABKitError.usage("not a mean") }
            return sample
        }
        let chances = try NormalMeanComparison.chanceToBeBest(samples)
        for (arm, p) in zip(report.arms, chances) { #expect(abs(arm.chanceToBeBest - p) < 1e-12) }
        #expect(report.arms.map { Int(($0.weight * 10_000).rounded()) }.reduce(0, +) == 10_000)
    }
}
