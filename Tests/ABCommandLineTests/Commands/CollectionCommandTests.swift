import ABTestSupport
import ABSummary
import ABEvents
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

@Suite("abkit analyze --events/--users and abkit aggregate, run in-process")
struct CollectionCommandTests {
    let welcome = RepositoryPaths.experiments("welcome-message-timing.json")
    let cookieCats = RepositoryPaths.experiments("cookie-cats-gate.json")
    let cookieCatsData = RepositoryPaths.experiments("data/cookie_cats.csv.gz")

    /// A simulated, dirty event log of the welcome experiment, written once per test.
    func simulatedLog(users: Int = 4000, dirtyRate: Double = 0.02) throws -> String {
        let spec = try ExperimentFile.load(welcome)
        var lines: [String] = []
        let plan = SimulationPlan(users: users, seed: 11, effects: ["activated_7d": ["one-hour": 0.1]], dirtyRate: dirtyRate)
        _ = try EventSimulator(spec: spec, plan: plan).run { lines.append($0) }
        return try RepositoryPaths.temporaryFile(lines.joined(separator: "\n") + "\n", name: "events.jsonl")
    }

    @Test("--events and --summary of abkit aggregate's output give byte-identical result JSON")
    func eventsEqualSummary() throws {
        let log = try simulatedLog()
        let direct = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [log])),
                                   format: .json, now: Date(timeIntervalSince1970: 0)).run()
        #expect(direct.exitCode == .success, "\(direct.standardError)")
        let summaryPath = log + ".summary.json"
        let aggregate = AggregateRunner(experimentPath: welcome, collection: DataCollection(kind: .events, paths: [log]), outputPath: summaryPath).run()
        #expect(aggregate.exitCode == .success)
        #expect(aggregate.standardError.hasPrefix("read "))
        let viaSummary = AnalyzeRunner(experimentPath: welcome, input: .summary(path: summaryPath), format: .json,
                                       now: Date(timeIntervalSince1970: 0)).run()
        #expect(viaSummary.standardOutput == direct.standardOutput)
        let root = try #require(JSONSerialization.jsonObject(with: Data(direct.standardOutput.utf8)) as? [String: Any])
        let data = try #require(root["data"] as? [String: Any])
        let read = try #require(data["linesRead"] as? Int), accepted = try #require(data["accepted"] as? Int)
        let rejected = try #require(data["rejected"] as? Int), duplicates = try #require(data["duplicates"] as? Int)
        #expect(read == accepted + rejected + duplicates)
        #expect(rejected > 0 && duplicates > 0)
        // The primary metric's timeline travels through the summary file too.
        let timeline = try #require(root["timeline"] as? [String: Any])
        #expect(timeline["metric"] as? String == "activated_7d")
        #expect(((timeline["days"] as? [Any])?.count ?? 0) >= 10)
    }

    @Test("--strict turns any rejected line into exit 65 naming the file and line; a clean log passes")
    func strict() throws {
        let dirty = try simulatedLog(users: 1000, dirtyRate: 0.05)
        let failed = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [dirty], strict: true))).run()
        #expect(failed.exitCode == .dataError)
        #expect(failed.standardError.contains(dirty) && failed.standardError.contains("line "))
        let clean = try simulatedLog(users: 1000, dirtyRate: 0)
        let passed = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [clean], strict: true))).run()
        #expect(passed.exitCode == .success, "\(passed.standardError)")
    }

    @Test("--as-of ends observation early: units whose 7-day window is still open then are maturing, not failures; a bad time is 64 naming --as-of")
    func asOf() throws {
        let log = try simulatedLog(users: 2000, dirtyRate: 0)
        var spec = try ExperimentFile.load(welcome)
        spec.metrics = spec.metrics.filter { $0.id == "activated_7d" }
        let experiment = try RepositoryPaths.temporaryFile(String(decoding: try JSONEncoder().encode(spec), as: UTF8.self), name: "activation.json")
        func variants(_ asOf: String?) throws -> [SummaryVariant] {
            var collection = DataCollection(kind: .events, paths: [log])
            collection.asOf = asOf
            return try #require(try collection.checkedSummary(for: try ExperimentFile.load(experiment)).metrics.first).variants
        }
        let whole = try variants(nil), early = try variants("2026-11-12T00:00:00Z")
        #expect(whole.allSatisfy { ($0.maturing ?? 0) == 0 })
        for (a, b) in zip(whole, early) {
            // Every unit is either counted or maturing, and maturing units leave the denominator.
            #expect(b.units + (b.maturing ?? 0) == a.units)
            #expect((b.maturing ?? 0) > 0 && b.units > 0 && (b.conversions ?? 0) <= (a.conversions ?? 0))
        }
        var bad = DataCollection(kind: .events, paths: [log])
        bad.asOf = "yesterday"
        let output = AggregateRunner(experimentPath: experiment, collection: bad).run()
        #expect(output.exitCode == .usage && output.standardError.contains("--as-of"), "\(output.standardError)")
    }

    @Test("read a day after launch, 7-day metrics are not measurable yet: analyze reports them apart (exit 0) and gate is inconclusive (2), not bad data")
    func notMeasurableYet() throws {
        let log = try simulatedLog(users: 2000, dirtyRate: 0)
        var spec = try ExperimentFile.load(welcome)
        spec.analysis.asOf = "2026-11-03T00:00:00Z"
        let experiment = try RepositoryPaths.temporaryFile(String(decoding: try JSONEncoder().encode(spec), as: UTF8.self), name: "early.json")
        let collection = DataCollection(kind: .events, paths: [log])
        let json = AnalyzeRunner(experimentPath: experiment, input: .collection(collection), format: .json, now: Date(timeIntervalSince1970: 0)).run()
        #expect(json.exitCode == .success, "\(json.standardError)")
        let result = try JSONDecoder().decode(AnalysisResult.self, from: Data(json.standardOutput.utf8))
        #expect(result.metrics.isEmpty && result.timeline == nil && result.cohorts == nil)
        let maturing = try #require(result.maturingMetrics)
        #expect(maturing.contains { $0.id == "activated_7d" } && maturing.contains { $0.id == "retained_d7" })
        #expect(maturing.allSatisfy { entry in entry.variants.allSatisfy { $0.units == 0 && $0.maturing > 0 } })
        let text = AnalyzeRunner(experimentPath: experiment, input: .collection(collection), now: Date(timeIntervalSince1970: 0)).run()
        #expect(text.standardOutput.contains("Not measurable yet"))
        let gate = GateRunner(analysis: AnalyzeRunner(experimentPath: experiment, input: .collection(collection), now: Date(timeIntervalSince1970: 0))).run()
        #expect(gate.exitCode == .inconclusive, "\(gate.standardError)")
    }

    @Test("a missing event file exits 66; events without an experiment file exit 64")
    func errors() {
        let missing = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: ["/nonexistent/e.jsonl"]))).run()
        #expect(missing.exitCode == .noInput)
        #expect(missing.standardError.contains("/nonexistent/e.jsonl"))
        let noSpec = AnalyzeRunner(input: .collection(DataCollection(kind: .events, paths: ["x"]))).run()
        #expect(noSpec.exitCode == .usage)
    }

    struct CookieCatsReference: Decodable {
        struct Variant: Decodable { let units: Int, retention_1: Int, retention_7: Int, roundsSum: Double }
        struct Test: Decodable { let statistic: Double, pValue: Double }
        let variants: [String: Variant]
        let retention_1: Test, retention_7: Test
    }

    @Test("the Cookie Cats table gives the units, retention and z-tests computed independently in Python")
    func cookieCatsTable() throws {
        let url = try #require(Bundle.module.url(forResource: "cookie_cats_reference", withExtension: "json", subdirectory: "Fixtures"))
        let reference = try JSONDecoder().decode(CookieCatsReference.self, from: Data(contentsOf: url))
        let result = try AnalyzeRunner(experimentPath: cookieCats, input: .collection(DataCollection(kind: .users, paths: [cookieCatsData]))).analyze()
        #expect(result.data.linesRead == 90_189 && result.data.accepted == 90_189 && result.data.rejected == 0)
        for id in ["retention_1", "retention_7"] {
            let metric = try #require(result.metrics.first { $0.id == id })
            for variant in metric.variants {
                let expected = try #require(reference.variants[variant.key])
                #expect(variant.units == expected.units)
                #expect(variant.conversions == (id == "retention_1" ? expected.retention_1 : expected.retention_7))
            }
            let test = id == "retention_1" ? reference.retention_1 : reference.retention_7
            let frequentist = try #require(metric.variants[1].frequentist)
            #expect(abs(frequentist.statistic! - test.statistic) <= 1e-9 * abs(test.statistic))
            #expect(abs(frequentist.pValue - test.pValue) <= 1e-9 * test.pValue)
        }
        // gate_40 loses 7-day retention with probability > 0.999: the gate blocks the rollout.
        let gate = GateRunner(analysis: AnalyzeRunner(
            experimentPath: cookieCats, input: .collection(DataCollection(kind: .users, paths: [cookieCatsData])))).run()
        #expect(gate.exitCode == .blocked)
        #expect(gate.standardOutput.contains("even the best variant, gate_40, is worse than gate_30"))
        // Game rounds are winsorized at the 99.9th percentile, so the means sit just below the raw ones.
        let rounds = try #require(result.metrics.first { $0.id == "game_rounds" })
        for variant in rounds.variants {
            let raw = try #require(reference.variants[variant.key]).roundsSum / Double(variant.units)
            #expect(variant.mean < raw && variant.mean > raw * 0.9)
        }
    }
}

@Suite("Survival and ratio metrics from event logs")
struct SurvivalAndRatioAnalysisTests {
    @Test("time to event: Kaplan–Meier block, log-rank and an RMST comparison; ratio: delta-method z")
    func survivalAndRatio() throws {
        let checklist = RepositoryPaths.experiments("onboarding-checklist.json")
        let spec = try ExperimentFile.load(checklist)
        var lines: [String] = []
        _ = try EventSimulator(spec: spec, plan: SimulationPlan(users: 3000, seed: 5)).run { lines.append($0) }
        let log = try RepositoryPaths.temporaryFile(lines.joined(separator: "\n"), name: "checklist.jsonl")
        let result = try AnalyzeRunner(experimentPath: checklist, input: .collection(DataCollection(kind: .events, paths: [log]))).analyze()
        let time = try #require(result.metrics.first { $0.id == "time_to_first_project" })
        #expect(time.type == .survival)
        let variant = try #require(time.variants.last)
        let block = try #require(variant.survival)
        #expect(variant.frequentist?.test == .restrictedMeanSurvivalZ)
        #expect(block.logRankPValue.map { $0 > 0 && $0 <= 1 } == true)
        #expect(block.horizon > 0 && block.restrictedMean > 0 && block.restrictedMean <= block.horizon)
        #expect(variant.mean == block.restrictedMean)
        #expect(time.variants.first?.survival?.logRankPValue == nil)
    }

    @Test("a ratio summary is compared with the delta method")
    func ratioSummary() throws {
        let summary = SummaryFile(experiment: "x", control: "a", metrics: [
            SummaryMetric(id: "opens_per_send", type: .ratio, variants: [
                SummaryVariant(key: "a", units: 1000, ratio: RatioSums(numerator: 900, denominator: 3000, numeratorSquares: 1500, denominatorSquares: 10000, cross: 3500)),
                SummaryVariant(key: "b", units: 1000, ratio: RatioSums(numerator: 1000, denominator: 3000, numeratorSquares: 1700, denominatorSquares: 10000, cross: 3800)),
            ]),
        ])
        let result = try SummaryAnalyzer().analyze(summary)
        let b = try #require(result.metrics[0].variants.last)
        #expect(b.frequentist?.test == .deltaMethodZ)
        #expect(abs(b.mean - 1000.0 / 3000) < 1e-15)
        #expect(abs(b.absoluteLift! - (1000.0 - 900) / 3000) < 1e-15)
    }
}
