import ABTestSupport
import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

/// Every experiment file in Experiments/ runs end to end on simulated data, through the same
/// runners the executable uses: simulate → aggregate → analyze → gate; and a planned effect is
/// measured where it was planned, on every metric.
@Suite("Bundled experiments: simulate → aggregate → analyze → gate")
struct BundledExperimentsTests {
    /// The bundled experiment files, found on disk so a new one is tested without editing this list.
    static func experimentFiles() throws -> [String] {
        let directory = RepositoryPaths.experiments("")
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
            .map { RepositoryPaths.experiments($0) }
    }

    /// Simulates `plan` for the experiment at `path` through `abkit simulate`'s runner; returns the
    /// file and the data collection that reads it (a user table for experiments without exposure).
    static func simulate(_ path: String, _ plan: SimulationPlan) throws -> (file: String, collection: DataCollection) {
        let spec = try ExperimentFile.load(path)
        let kind: DataCollection.Kind = spec.exposure == nil ? .users : .events
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + (kind == .users ? ".csv" : ".jsonl")
        let file = try RepositoryPaths.temporaryFile("", name: name)
        let output = SimulateRunner(experimentPath: path, plan: plan, outputPath: file).run()
        #expect(output.exitCode == .success, "\(path): \(output.standardError)")
        return (file, DataCollection(kind: kind, paths: [file]))
    }

    @Test("each bundled experiment: units in every variant, rejects only from dirt, analyze and gate decide")
    func endToEnd() throws {
        for path in try Self.experimentFiles() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let (file, collection) = try Self.simulate(path, SimulationPlan(users: 6000, seed: 23, dirtyRate: 0.01))
            let summaryPath = file + ".summary.json"
            let aggregate = AggregateRunner(experimentPath: path, collection: collection, outputPath: summaryPath).run()
            #expect(aggregate.exitCode == .success, "\(name): \(aggregate.standardError)")
            guard aggregate.exitCode == .success else { continue }
            let summary = try SummaryFile.load(from: summaryPath)
            let data = try #require(summary.data)
            // Dirty lines are the only rejects: about 1% of the lines, never more than 2%.
            #expect(Double(data.rejected) <= 0.02 * Double(max(1, data.linesRead)), "\(name): \(data.reconciliation)")
            for metric in summary.metrics where metric.dimension == nil {
                for variant in metric.variants where metric.funnel?.basis != .previousStep {
                    #expect(variant.units >= 100, "\(name) \(metric.id) \(variant.key): \(variant.units) units")
                }
            }
            let fromSummary = try AnalyzeRunner(experimentPath: path, input: .summary(path: summaryPath)).analyze()
            let fromData = try AnalyzeRunner(experimentPath: path, input: .collection(collection)).analyze()
            #expect(fromSummary.metrics.map(\.id) == fromData.metrics.map(\.id), "\(name)")
            #expect(fromSummary.srm?.mismatch != true, "\(name): no sample ratio mismatch in a simulation")
            let gate = GateRunner(analysis: AnalyzeRunner(experimentPath: path, input: .summary(path: summaryPath))).run()
            #expect([ABKitExitCode.success, .blocked, .inconclusive].contains(gate.exitCode), "\(name): \(gate.standardError)")
        }
    }

    /// The relative lift each metric should show in `variant`: the lift of the event that drives it
    /// times the lifts of the funnel steps that event must follow (a step is done only after the one
    /// before), as the simulator's model holds them; a user table's metrics each have their own.
    static func expectedLift(_ metric: MetricSpec, spec: ExperimentSpec, plan: SimulationPlan, variant: String) -> Double {
        guard spec.exposure != nil else { return plan.effects[metric.id]?[variant] ?? 0 }
        let events = Dictionary(uniqueKeysWithValues: SimulationModel(spec: spec, plan: plan).events.map { ($0.name, $0) })
        var lift = 1.0
        var current = SimulationModel.drivingEvent(of: metric, exposure: spec.exposure?.event)
        while let name = current, let event = events[name] {
            lift *= event.lift[variant] ?? 1
            current = event.parent
        }
        return lift - 1
    }

    @Test("a planned effect is recovered inside the 99.9% interval of every metric of every bundled experiment")
    func plannedEffects() throws {
        for path in try Self.experimentFiles() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let spec = try ExperimentFile.load(path)
            let control = try #require(spec.control?.key)
            let treatments = spec.variants.map(\.key).filter { $0 != control }
            // +25% on every metric (one per driving event, so metrics sharing an event share one effect).
            var effects: [String: Double] = [:], driven = Set<String>()
            for metric in spec.metrics {
                let event = SimulationModel.drivingEvent(of: metric, exposure: spec.exposure?.event) ?? metric.id
                if spec.exposure == nil || driven.insert(event).inserted { effects[metric.id] = 0.25 }
            }
            let plan = SimulationPlan(
                users: spec.exposure == nil ? 20_000 : 30_000, seed: 31,
                effects: effects.mapValues { effect in Dictionary(uniqueKeysWithValues: treatments.map { ($0, effect) }) })
            let (_, collection) = try Self.simulate(path, plan)
            let summary = try collection.checkedSummary(for: spec)
            var overrides = AnalysisOverrides()
            // 99.9% intervals: some thirty checks must not fail on a 1-in-100 draw.
            overrides.alpha = 0.001
            let result = try AnalyzeRunner(experimentPath: path, input: .collection(collection), overrides: overrides).analyze()
            for metric in spec.metrics {
                func expected(_ variant: String) -> Double { Self.expectedLift(metric, spec: spec, plan: plan, variant: variant) }
                switch metric.type {
                case .timeToEvent:
                    // Planned on the share of units whose event is observed: a ratio of two proportions,
                    // its 99.9% interval by the log method (Katz), computed here from the summary's life tables.
                    let entry = try #require(summary.metrics.first { $0.id == metric.id })
                    let c = try #require(entry.variants.first { $0.key == control })
                    for t in entry.variants where t.key != control {
                        let pc = Double(c.conversions!) / Double(c.units), pt = Double(t.conversions!) / Double(t.units)
                        let se = (1 / Double(t.conversions!) - 1 / Double(t.units) + 1 / Double(c.conversions!) - 1 / Double(c.units)).squareRoot()
                        let z = 3.2905267314919255  // scipy.stats.norm.ppf(0.9995)
                        let ratio = pt / pc, planned = expected(t.key)
                        #expect(ratio * exp(-z * se) - 1 <= planned && planned <= ratio * exp(z * se) - 1,
                                "\(name) \(metric.id) \(t.key): observed ×\(ratio), planned +\(planned)")
                    }
                case .conversion, .count, .sum, .mean, .ratio, .retention, .funnel:
                    // A funnel's effect is planned on its first step after exposure (exposure basis).
                    let id = metric.type == .funnel
                        ? "\(metric.id).\(SimulationModel.drivingEvent(of: metric, exposure: spec.exposure?.event)!)" : metric.id
                    let measured = try #require(result.metrics.first { $0.id == id }, "\(name): \(id)")
                    for variant in measured.variants where variant.key != control {
                        let ci = try #require(variant.frequentist?.relativeCi, "\(name) \(id) \(variant.key)")
                        let planned = expected(variant.key)
                        #expect(ci.lower <= planned && planned <= ci.upper,
                                "\(name) \(id) \(variant.key): planned +\(planned), 99.9% interval [\(ci.lower), \(ci.upper)]")
                        #expect(ci.upper - ci.lower < 1, "\(name) \(id) \(variant.key): an informative interval")
                    }
                }
            }
        }
    }

    @Test("the night penalty lowers only the primary metric's event: guardrails on other events keep their model")
    func nightPenaltyNamesPrimaryOnly() throws {
        for path in try Self.experimentFiles() {
            let spec = try ExperimentFile.load(path)
            guard spec.exposure != nil, let primary = spec.primaryMetric else { continue }
            let model = SimulationModel(spec: spec, plan: SimulationPlan(nightPenalty: 0.3))
            let sensitive = model.events.filter(\.nightSensitive).map(\.name)
            #expect(sensitive == [SimulationModel.drivingEvent(of: primary, exposure: spec.exposure?.event)].compactMap { $0 }, "\(path)")
        }
    }

    @Test("the re-engagement example: targeting admits users by days_inactive, and source.fields names every field")
    func reengagement() throws {
        let path = RepositoryPaths.experiments("reengagement-channel.json")
        var lines: [String] = []
        let summary = try EventSimulator(spec: try ExperimentFile.load(path), plan: SimulationPlan(users: 2000, seed: 3)).run { lines.append($0) }
        // Half the users are inactive 14+ days, 95% are subscribed, 95% are outside the holdout.
        let share = Double(summary.exposed) / Double(summary.users)
        #expect(share > 0.38 && share < 0.52, "\(share)")
        let first = try #require(lines.first.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(first["event_name"] as? String == "reengagement_eligible" && first["ts"] != nil && first["event"] == nil)
        #expect((first["days_inactive"] as? Double).map { $0 >= 14 } == true && first["unsubscribed"] as? Bool == false)
    }

    @Test("every line rejected is bad data (65) with the reject counts, for aggregate and analyze --events")
    func everyLineRejected() throws {
        let welcome = RepositoryPaths.experiments("welcome-message-timing.json")
        let log = try RepositoryPaths.temporaryFile("{\"name\": 1}\nnot json\n", name: "bad.jsonl")
        let aggregate = AggregateRunner(experimentPath: welcome, collection: DataCollection(kind: .events, paths: [log])).run()
        #expect(aggregate.exitCode == .dataError)
        #expect(aggregate.standardError.contains("every line was rejected") && aggregate.standardError.contains("2 rejected"),
                "\(aggregate.standardError)")
        let analyze = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [log]))).run()
        #expect(analyze.exitCode == .dataError && analyze.standardError.contains("invalid-json 1"), "\(analyze.standardError)")
    }
}
