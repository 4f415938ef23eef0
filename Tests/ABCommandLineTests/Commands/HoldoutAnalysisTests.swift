import ABAssign
import ABEvents
import ABTestSupport
@testable import ABKit
@testable import ABCommandLine
import Foundation
import Testing

@Suite("Global holdout: an experiment file with a holdout section analyzes the held-out users against the messaged ones")
struct HoldoutAnalysisTests {
    static let holdoutFile = #"""
        {"id": "lifecycle-holdout", "unit": "user_id", "holdout": {"id": "lifecycle", "share": 0.1},
         "exposure": {"event": "account_created"},
         "metrics": [{"id": "activated_7d", "type": "conversion", "event": "first_project_created", "window": "P7D", "primary": true}],
         "analysis": {"sequential": {"method": "always-valid", "plannedUnitsPerVariant": 2000}}}
        """#

    @Test("the groups are exactly the users Holdout keeps out of every covered experiment (20,000 ids)")
    func sameUsersAsTheExperiments() throws {
        let spec = try ExperimentSpec.parse(Data(Self.holdoutFile.utf8), file: "holdout.json")
        #expect(spec.variants.map(\.key) == ["holdout", "messaged"] && spec.control?.key == "holdout")
        let config = try spec.assignmentConfig()
        let holdout = Holdout(id: "lifecycle", share: 0.1)
        var held = 0
        for i in 0..<20_000 {
            let id = "user-\(i)"
            let heldOut = holdout.holdsOut(id)
            #expect((config.outcome(id: id).variationIndex == 0) == heldOut, "\(id)")
            if heldOut { held += 1 }
        }
        #expect(held > 1_800 && held < 2_200)
    }

    @Test("a holdout file with variants or an assignment, or a share of 0 or 1, names the problem")
    func invalidCombinations() {
        for (text, expected) in [
            (#"{"id": "h", "holdout": {"id": "x", "share": 0.1}, "variants": [], "metrics": []}"#, "holdout"),
            (#"{"id": "h", "holdout": {"id": "x", "share": 0.1}, "assignment": {"seed": "s"}, "metrics": []}"#, "holdout"),
            (#"{"id": "h", "holdout": {"id": "x", "share": 1}, "metrics": []}"#, "holdout.share"),
            (#"{"id": "h", "holdout": {"share": 0.1}, "metrics": []}"#, "holdout.id"),
        ] {
            #expect(throws: ExperimentSpecError.self, "\(text)") { try ExperimentSpec.parse(Data(text.utf8), file: "h.json") }
            do { _ = try ExperimentSpec.parse(Data(text.utf8), file: "h.json") } catch {
                #expect(error.lines.joined().contains(expected), "\(error.lines)")
            }
        }
    }

    @Test("from an event log: units, conversions and the lift of messaging are the hand counts; the file round-trips")
    func analysisFromEvents() throws {
        // Users sign up without any experiment field; the held-out ones get no lifecycle messages
        // and activate less. Activation is drawn per user from a seeded generator.
        let holdout = Holdout(id: "lifecycle", share: 0.1)
        var random = SplitMix64(seed: 5)
        var lines: [String] = []
        var counts = [String: (units: Int, conversions: Int)]()
        for i in 0..<20_000 {
            let id = "user-\(i)", group = holdout.holdsOut(id) ? "holdout" : "messaged"
            let day = 1 + i % 14
            lines.append(#"{"user_id":"\#(id)","event":"account_created","timestamp":"2026-10-\#(String(format: "%02d", day))T10:00:00Z"}"#)
            let activated = Double(random.next() % 10_000) / 10_000 < (group == "holdout" ? 0.20 : 0.24)
            if activated {
                lines.append(#"{"user_id":"\#(id)","event":"first_project_created","timestamp":"2026-10-\#(String(format: "%02d", day + 2))T10:00:00Z"}"#)
            }
            counts[group, default: (0, 0)].units += 1
            if activated { counts[group, default: (0, 0)].conversions += 1 }
        }
        lines.append(#"{"user_id":"observer","event":"page_view","timestamp":"2026-11-30T00:00:00Z"}"#)
        let log = try RepositoryPaths.temporaryFile(lines.joined(separator: "\n") + "\n", name: "lifecycle.jsonl")
        let experiment = try RepositoryPaths.temporaryFile(Self.holdoutFile, name: "holdout.json")
        let result = try AnalyzeRunner(experimentPath: experiment, input: .collection(DataCollection(kind: .events, paths: [log]))).analyze()
        let metric = try #require(result.metrics.first { $0.id == "activated_7d" })
        for variant in metric.variants {
            let expected = try #require(counts[variant.key])
            #expect(variant.units == expected.units && variant.conversions == expected.conversions, "\(variant.key)")
        }
        let held = try #require(counts["holdout"]), messaged = try #require(counts["messaged"])
        let difference = Double(messaged.conversions) / Double(messaged.units) - Double(held.conversions) / Double(held.units)
        #expect(abs(metric.variants[1].mean - metric.variants[0].mean - difference) < 1e-15)
        let interval = try #require(metric.variants[1].frequentist?.ci)
        #expect(interval.lower < difference && difference < interval.upper && interval.lower > 0)
        #expect(result.srm?.mismatch == false)
        // Encoded, the file is an ordinary experiment with the holdout's groups and draw.
        let spec = try ExperimentFile.load(experiment)
        let again = try ExperimentSpec.parse(try JSONEncoder().encode(spec), file: "encoded.json")
        #expect(again.variants.map(\.key) == spec.variants.map(\.key) && again.assignment.seed == "__holdout__lifecycle")
    }
}
