import ABTestSupport
import ABAssign
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

@Suite("abkit simulate")
struct EventSimulatorTests {
    let experiment = RepositoryPaths.experiments("welcome-message-timing.json")

    private func lines(_ plan: SimulationPlan) throws -> [String] {
        let spec = try ExperimentFile.load(experiment)
        var lines: [String] = []
        _ = try EventSimulator(spec: spec, plan: plan).run { lines.append($0) }
        return lines
    }

    @Test("the same seed gives the same log, another seed another")
    func reproducible() throws {
        let plan = SimulationPlan(users: 2000, seed: 7, effects: ["activated_7d": ["one-hour": 0.1]], dirtyRate: 0.02)
        let first = try lines(plan), second = try lines(plan)
        #expect(first == second)
        var other = plan
        other.seed = 8
        let third = try lines(other)
        #expect(first != third)
    }

    @Test("exposures carry the variant that ABAssign gives the user")
    func assignmentAgrees() throws {
        let spec = try ExperimentFile.load(experiment)
        let config = try spec.assignmentConfig()
        var exposures = 0
        for line in try lines(SimulationPlan(users: 3000, seed: 3)) {
            let object = try #require(try JSONParser.parse(line).objectValue)
            guard object["event"]?.stringValue == "signup_completed" else { continue }
            exposures += 1
            let attributes = JSONObject([
                (key: "id", value: object["user_id"]!), (key: "user_id", value: object["user_id"]!),
                (key: "country", value: object["country"]!), (key: "platform", value: object["platform"]!),
            ])
            #expect(config.assign(attributes: attributes).variant == object["variant"]?.stringValue)
            #expect(["US", "CA"].contains(object["country"]?.stringValue ?? ""), "targeting admits only US and CA")
        }
        #expect(exposures > 300)
    }

    @Test("dirty lines appear at about the chosen rate")
    func dirt() throws {
        let spec = try ExperimentFile.load(experiment)
        var count = 0
        let summary = try EventSimulator(spec: spec, plan: SimulationPlan(users: 20000, seed: 5, dirtyRate: 0.05)).run { _ in count += 1 }
        #expect(summary.lines == count)
        let rate = Double(summary.dirtyLines) / Double(summary.lines)
        #expect(abs(rate - 0.05) < 0.01)
    }

    @Test("a covariate window gets pre-exposure events from the same user's engagement: the covariate predicts the outcome")
    func preExposureEvents() throws {
        let experiment = try RepositoryPaths.temporaryFile("""
            {"id": "sessions-cuped", "assignment": {"seed": "sessions-cuped", "hashVersion": 2},
             "variants": [{"key": "a", "weight": 0.5, "control": true}, {"key": "b", "weight": 0.5}],
             "exposure": {"event": "signup_completed"},
             "metrics": [{"id": "sessions", "type": "count", "event": "session_start", "window": "P7D",
                          "covariateWindow": "P14D", "primary": true}]}
            """, name: "cuped.json")
        let spec = try ExperimentFile.load(experiment)
        var lines: [String] = []
        _ = try EventSimulator(spec: spec, plan: SimulationPlan(users: 4000, seed: 9)).run { lines.append($0) }
        let log = try RepositoryPaths.temporaryFile(lines.joined(separator: "\n") + "\n", name: "cuped.jsonl")
        let summary = try DataCollection(kind: .events, paths: [log]).checkedSummary(for: spec)
        let metric = try #require(summary.metrics.first { $0.id == "sessions" })
        // Pooled Pearson correlation of the pre-exposure count x with the count y, from the sums.
        var n = 0.0, sx = 0.0, sxx = 0.0, sy = 0.0, syy = 0.0, sxy = 0.0
        for variant in metric.variants {
            let x = try #require(variant.covariate)
            n += Double(variant.units); sx += x.sum; sxx += x.sumSquares; sxy += x.sumProducts
            sy += variant.sum ?? 0; syy += variant.sumSquares ?? 0
        }
        let r = (sxy - sx * sy / n) / ((sxx - sx * sx / n) * (syy - sy * sy / n)).squareRoot()
        #expect(sx > 0, "events before exposure were written")
        #expect(r > 0.05 && r < 0.9, "correlation \(r)")
    }

    @Test("bad plans are usage errors")
    func badPlans() throws {
        #expect(throws: ABKitError.self) { try SimulationPlan(users: 0).validate() }
        #expect(throws: ABKitError.self) { try SimulationPlan(dirtyRate: 1).validate() }
        // A typo's two billion users is refused at once, with the bound, instead of filling the disk.
        let users = #expect(throws: ABKitError.self) { try SimulationPlan(users: 2_000_000_000).validate() }
        #expect(users?.commandLineDescription == "--users must be from 1 to 100000000 (got 2000000000)")
        let days = #expect(throws: ABKitError.self) { try SimulationPlan(days: 100_000).validate() }
        #expect(days?.commandLineDescription == "--days must be from 1 to 3650 (got 100000)")
        #expect(days?.localizedDescription == "days must be from 1 to 3650 (got 100000)", "no flag spelling in the library's own message")
        try SimulationPlan(users: SimulationPlan.maximumUsers).validate()
        #expect(throws: ABKitError.self) { try OptionParsing.effect("activated_7d=0.1") }
        let effect = try OptionParsing.effect("activated_7d:one-hour=+10%")
        #expect(effect.effect == 0.1 && effect.variant == "one-hour")
        let baseline = try OptionParsing.baseline("activated_7d=0.25")
        #expect(baseline.value == 0.25)
    }
}
