import ABAssign
import ABEvents
import ABSummary
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

    @Test("a holdout file with variants or an assignment, a share of 0 or 1, an unknown period or a calendar maxAge names the problem")
    func invalidCombinations() {
        for (text, expected) in [
            (#"{"id": "h", "holdout": {"id": "x", "share": 0.1}, "variants": [], "metrics": []}"#, "holdout"),
            (#"{"id": "h", "holdout": {"id": "x", "share": 0.1}, "assignment": {"seed": "s"}, "metrics": []}"#, "holdout"),
            (#"{"id": "h", "holdout": {"id": "x", "share": 1}, "metrics": []}"#, "holdout.share"),
            (#"{"id": "h", "holdout": {"share": 0.1}, "metrics": []}"#, "holdout.id"),
            (#"{"id": "h", "holdout": {"id": "x", "share": 0.1, "period": "fortnight"}, "metrics": []}"#, "holdout.period"),
            (#"{"id": "h", "holdout": {"id": "x", "share": 0.1, "maxAge": "P3M"}, "metrics": []}"#, "holdout.maxAge"),
            (#"{"id": "h", "holdout": {"id": "x", "share": 0.1, "maxAge": "PT0S"}, "metrics": []}"#, "positive duration"),
            (#"{"id": "h", "assignment": {"holdout": {"share": 0.1, "period": "day"}}, "variants": [{"key": "a", "weight": 0.5}, {"key": "b", "weight": 0.5}], "metrics": []}"#, "assignment.holdout.period"),
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

    static let quarterlyFile = #"""
        {"id": "lifecycle-holdout", "unit": "user_id", "holdout": {"id": "lifecycle", "share": 0.1, "period": "quarter"},
         "exposure": {"event": "account_created"},
         "metrics": [{"id": "activated_7d", "type": "conversion", "event": "first_project_created", "window": "P7D", "primary": true}]}
        """#

    /// 12,000 signups over 8 weeks from 2027-03-04 (the quarter changes on 2027-04-01), the held-out
    /// ones decided by the quarterly holdout of their own signup time; a seeded activation.
    static func quarterlyLog(holdout: (String, Int64) -> Bool) -> (lines: [String], counts: [String: (units: Int, conversions: Int)]) {
        var random = SplitMix64(seed: 9)
        var lines: [String] = [], counts = [String: (units: Int, conversions: Int)]()
        let start: Int64 = 1_804_118_400_000  // 2027-03-04T00:00:00Z
        for i in 0..<12_000 {
            let id = "user-\(i)", at = start + Int64(i) * 56 * 86_400_000 / 12_000
            let group = holdout(id, at) ? "holdout" : "messaged"
            lines.append(#"{"user_id":"\#(id)","event":"account_created","timestamp":\#(at / 1000)}"#)
            let activated = Double(random.next() % 10_000) / 10_000 < (group == "holdout" ? 0.20 : 0.25)
            if activated { lines.append(#"{"user_id":"\#(id)","event":"first_project_created","timestamp":\#(at / 1000 + 86_400)}"#) }
            counts[group, default: (0, 0)].units += 1
            if activated { counts[group, default: (0, 0)].conversions += 1 }
        }
        lines.append(#"{"user_id":"observer","event":"page_view","timestamp":"2027-06-30T00:00:00Z"}"#)
        return (lines, counts)
    }

    @Test("a quarterly holdout: each unit's group is the draw of its exposure's quarter (the seed gains @2027-Q1 or @2027-Q2), as abkit assign gives it")
    func quarterlyDraws() throws {
        let quarterly = Holdout(id: "lifecycle", share: 0.1, period: .quarter, atMilliseconds: 0)
        let (lines, counts) = Self.quarterlyLog { id, at in quarterly.drawn(atMilliseconds: at).holdsOut(id) }
        let log = try RepositoryPaths.temporaryFile(lines.joined(separator: "\n") + "\n", name: "quarterly.jsonl")
        let experiment = try RepositoryPaths.temporaryFile(Self.quarterlyFile, name: "quarterly.json")
        let result = try AnalyzeRunner(experimentPath: experiment, input: .collection(DataCollection(kind: .events, paths: [log]))).analyze()
        let metric = try #require(result.metrics.first)
        for variant in metric.variants {
            let expected = try #require(counts[variant.key])
            #expect(variant.units == expected.units && variant.conversions == expected.conversions, "\(variant.key)")
        }
        #expect(result.srm?.mismatch == false)
        // The draw the data end in, and its age: 2027-04-01 to the last signup (2027-04-28), 28 days.
        let status = try #require(result.holdout)
        #expect(status.period == .quarter && status.draw == "2027-Q2" && status.drawStart == "2027-04-01" && status.ageDays == 28)
        #expect(status.tooOld == false && status.maxAgeDays == 92 && status.warnings.isEmpty)
        // A lasting draw over the same log would differ: the quarter matters.
        let lasting = Holdout(id: "lifecycle", share: 0.1)
        #expect((0..<12_000).contains { lasting.holdsOut("user-\($0)") != quarterly.drawn(atMilliseconds: 1_806_537_600_000).holdsOut("user-\($0)") })
        // The file round-trips with its period.
        let again = try ExperimentSpec.parse(try JSONEncoder().encode(try ExperimentFile.load(experiment)), file: "encoded.json")
        #expect(again.holdoutAnalysis?.period == .quarter)

        // abkit assign, for an experiment covered by the quarterly holdout: a line's exposedAt picks its quarter.
        let covered = try RepositoryPaths.temporaryFile(#"""
            {"id": "welcome", "unit": "id", "assignment": {"holdout": {"id": "lifecycle", "share": 0.1, "period": "quarter"}},
             "variants": [{"key": "a", "weight": 0.5}, {"key": "b", "weight": 0.5}]}
            """#, name: "covered.json")
        let march = "2027-03-31T23:59:59Z", april = "2027-04-01T00:00:00Z"
        let input = (0..<2_000).flatMap { i in [march, april].map { #"{"id": "user-\#(i)", "exposedAt": "\#($0)"}"# } }
        for (exposure, at) in [(march, Int64(1_806_537_599_000)), (april, Int64(1_806_537_600_000))] {
            let lines = input.filter { $0.contains(exposure) }.joined(separator: "\n")
            let (code, out, err) = runAssign(AssignOptions(experimentFiles: [covered], input: "-"), stdin: lines)
            #expect(code == 0, "\(err)")
            let records = try recordsByUser(out)
            #expect(records.count == 2_000)
            for (id, record) in records {
                #expect((record.reason == "holdout") == quarterly.drawn(atMilliseconds: at).holdsOut(id), "\(id) at \(exposure)")
            }
            // Plain ids under --exposed-at take the same draw (the fast path).
            let plain = try recordsByUser(runAssign(AssignOptions(experimentFiles: [covered], input: "-", exposedAt: exposure),
                                                    stdin: (0..<2_000).map { "user-\($0)" }.joined(separator: "\n")).1)
            #expect(plain.allSatisfy { ($0.value.reason == "holdout") == (records[$0.key]?.reason == "holdout") })
        }
    }

    @Test("a lasting holdout older than maxAge (default 90 days) is flagged in the result and every report; younger, or periodic, it is not")
    func ageWarning() throws {
        let lasting = Holdout(id: "lifecycle", share: 0.1)
        // 56 days of signups, then 150.
        let (lines, _) = Self.quarterlyLog { id, _ in lasting.holdsOut(id) }
        let young = try RepositoryPaths.temporaryFile(lines.joined(separator: "\n") + "\n", name: "young.jsonl")
        let experiment = try RepositoryPaths.temporaryFile(Self.holdoutFile, name: "holdout.json")
        let fresh = try AnalyzeRunner(experimentPath: experiment, input: .collection(DataCollection(kind: .events, paths: [young]))).analyze()
        #expect(fresh.holdout?.ageDays == 56 && fresh.holdout?.tooOld == false && fresh.holdout?.draw == nil)
        let late = (0..<3_000).map { i in
            #"{"user_id":"late-\#(i)","event":"account_created","timestamp":\#(1_804_118_400 + 149 * 86_400 + i)}"#
        }
        let old = try RepositoryPaths.temporaryFile((lines + late).joined(separator: "\n") + "\n", name: "old.jsonl")
        let runner = AnalyzeRunner(experimentPath: experiment, input: .collection(DataCollection(kind: .events, paths: [old])))
        let stale = try runner.analyze()
        let status = try #require(stale.holdout)
        #expect(status.ageDays == 150 && status.maxAgeDays == 90 && status.tooOld == true && status.drawStart == "2027-03-04")
        let warning = try #require(status.warnings.first)
        #expect(warning.contains("150 days") && warning.contains("\"period\": \"quarter\""))
        for report in [TextReport().render(stale), MarkdownReport().render(stale), HTMLReport().render(stale)] {
            #expect(report.contains("150 days"))
        }
        // A longer maxAge accepts it.
        let patient = try RepositoryPaths.temporaryFile(Self.holdoutFile.replacingOccurrences(of: #""share": 0.1}"#, with: #""share": 0.1, "maxAge": "P180D"}"#), name: "patient.json")
        let accepted = try AnalyzeRunner(experimentPath: patient, input: .collection(DataCollection(kind: .events, paths: [old]))).analyze()
        #expect(accepted.holdout?.tooOld == false && accepted.holdout?.maxAgeDays == 180)
    }

    @Test("a quarterly draw a whole quarter old is not flagged (92 days ≤ the longest quarter), but 30-day windows on quarterly draws are")
    func periodicAgeAndCrossing() throws {
        var status = try #require(ExperimentSpec.parse(Data(Self.quarterlyFile.utf8), file: "q.json").holdoutAnalysis)
            .status(timeline: SummaryTimeline(metric: "m", type: .proportion, days: ["2027-06-15", "2027-07-01", "2027-09-30"].map {
                SummaryDay(date: $0, variants: [])
            }), longestWindowDays: 7)
        #expect(status.draw == "2027-Q3" && status.drawStart == "2027-07-01" && status.ageDays == 92 && status.tooOld == false)
        #expect(status.warnings.isEmpty)
        status.longestWindowDays = 30
        let crossing = try #require(status.warnings.first)
        #expect(crossing.contains("every quarter") && crossing.contains("30 days") && crossing.contains("33%"), "\(crossing)")
    }

    @Test("a logged exposure is checked against the draw of its own time: eligibility in Q1, exposure logged in Q2, no drift")
    func driftAtLoggedTime() throws {
        let quarterly = Holdout(id: "lifecycle", share: 0.1, period: .quarter, atMilliseconds: 1_806_537_600_000)
        var lines: [String] = []
        for i in 0..<2_000 {
            let id = "user-\(i)", group = quarterly.holdsOut(id) ? "holdout" : "messaged"
            lines.append(#"{"user_id":"\#(id)","event":"account_created","timestamp":"2027-03-31T23:00:00Z"}"#)
            lines.append(#"{"user_id":"\#(id)","event":"account_created","variant":"\#(group)","experiment":"lifecycle-holdout","timestamp":"2027-04-01T00:10:00Z"}"#)
        }
        let log = try RepositoryPaths.temporaryFile(lines.joined(separator: "\n") + "\n", name: "drift.jsonl")
        let experiment = try RepositoryPaths.temporaryFile(Self.quarterlyFile, name: "quarterly.json")
        let result = try AnalyzeRunner(experimentPath: experiment, input: .collection(DataCollection(kind: .events, paths: [log]))).analyze()
        #expect(result.data.assignmentDriftChecked == 2_000)
        #expect(result.data.assignmentDrift == 0)
    }
}
