import ABKit
import ABTestSupport
@testable import ABCommandLine
import Foundation
import Testing

@Suite("abkit interactions: two concurrent experiments on one log")
struct InteractionsRunnerTests {
    let welcome = RepositoryPaths.root.appendingPathComponent("Experiments/welcome-message-timing.json").path
    let checklist = RepositoryPaths.root.appendingPathComponent("Experiments/onboarding-checklist.json").path
    let log = RepositoryPaths.root.appendingPathComponent("Experiments/data/welcome-x-checklist.jsonl.gz").path

    struct Reference: Decodable {
        struct Metric: Decodable {
            let cells: [[[Int]]]
            let contrasts: [InteractionAnalysis.Contrast]
            let chiSquare: Double, degreesOfFreedom: Int, pValue: Double
        }
        let usersInBoth: Int, usersOnlyExperiment: Int
        let metrics: [String: Metric]
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("the bundled welcome × checklist log gives statsmodels' cells, contrasts and joint test (computed from the generated users)")
    func matchesStatsmodels() throws {
        let url = try #require(Bundle.module.url(forResource: "concurrent_interaction_reference", withExtension: "json", subdirectory: "Fixtures"))
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let analysis = try InteractionsRunner(
            experimentPath: welcome, otherPath: checklist, collection: DataCollection(kind: .events, paths: [log])).analyze()
        #expect(analysis.rows == ["immediate", "one-hour", "next-morning"] && analysis.columns == ["five-steps", "three-steps"])
        #expect(analysis.overlap.joined().reduce(0, +) == reference.usersInBoth)
        #expect(analysis.onlyExperiment == reference.usersOnlyExperiment && analysis.onlyOther == 0)
        for (id, expected) in reference.metrics {
            let metric = try #require(analysis.metrics.first { $0.id == id })
            #expect(metric.note == nil, "\(id): \(metric.note ?? "")")
            for (r, row) in expected.cells.enumerated() {
                for (c, cell) in row.enumerated() {
                    #expect(analysis.overlap[r][c] == cell[0])
                    #expect(metric.cellMeans[r][c] == Double(cell[1]) / Double(cell[0]), "\(id) cell (\(r), \(c))")
                }
            }
            #expect(metric.contrasts.count == expected.contrasts.count)
            for (ours, theirs) in zip(metric.contrasts, expected.contrasts) {
                #expect(ours.experimentArm == theirs.experimentArm && ours.otherArm == theirs.otherArm)
                #expect(close(ours.estimate, theirs.estimate) && close(ours.standardError, theirs.standardError), "\(id) \(ours) vs \(theirs)")
                #expect(close(ours.pValue, theirs.pValue, 1e-7) && close(ours.lower, theirs.lower) && close(ours.upper, theirs.upper))
            }
            #expect(close(try #require(metric.chiSquare), expected.chiSquare, 1e-8))
            #expect(close(try #require(metric.pValue), expected.pValue, 1e-7))
            #expect(metric.degreesOfFreedom == expected.degreesOfFreedom)
        }
        // The planted interaction is found; unsubscribes have none.
        #expect(analysis.metrics.first { $0.id == "activated_7d" }?.interacts == true)
        #expect(analysis.metrics.first { $0.id == "unsubscribed" }?.interacts == false)
        #expect(analysis.notes.contains { $0.hasPrefix("onboarding:") })
    }

    @Test("text names the verdict per metric; JSON carries the same analysis")
    func outputs() throws {
        let collection = DataCollection(kind: .events, paths: [log])
        let text = InteractionsRunner(experimentPath: welcome, otherPath: checklist, collection: collection).run()
        #expect(text.exitCode == .success)
        #expect(text.standardOutput.contains("one-hour × three-steps: +"))
        #expect(text.standardOutput.contains("the effect of welcome-message-timing depends on onboarding-checklist's variant"))
        let json = InteractionsRunner(experimentPath: welcome, otherPath: checklist, collection: collection, format: .json).run()
        let decoded = try JSONDecoder().decode(InteractionAnalysis.self, from: Data(json.standardOutput.utf8))
        #expect(decoded.metrics.count == 4 && decoded.experiment == "welcome-message-timing")
    }

    @Test("two experiments no unit saw both of: no metric, and a note that says so")
    func noOverlap() throws {
        let cookieCats = RepositoryPaths.root.appendingPathComponent("Experiments/cookie-cats-gate.json").path
        let analysis = try InteractionsRunner(experimentPath: welcome, otherPath: cookieCats, collection: DataCollection(kind: .events, paths: [log])).analyze()
        #expect(analysis.metrics.isEmpty && analysis.overlap.joined().allSatisfy { $0 == 0 })
        #expect(analysis.notes.count == 1 && analysis.notes[0].hasPrefix("no unit was exposed to both"))
    }

    @Test("the same experiment twice and user tables are usage errors (64); a missing log is 66")
    func errors() {
        let same = InteractionsRunner(experimentPath: welcome, otherPath: welcome, collection: DataCollection(kind: .events, paths: [log])).run()
        #expect(same.exitCode == .usage && same.standardError.contains("two different experiments"))
        let users = InteractionsRunner(experimentPath: welcome, otherPath: checklist, collection: DataCollection(kind: .users, paths: [log])).run()
        #expect(users.exitCode == .usage)
        let missing = InteractionsRunner(experimentPath: welcome, otherPath: checklist, collection: DataCollection(kind: .events, paths: ["/nonexistent.jsonl"])).run()
        #expect(missing.exitCode == .noInput)
    }

    @Test("--as-of ends observation for both experiments; a log whose every line is rejected is 65, with the rejects written")
    func asOfAndRejects() throws {
        var early = DataCollection(kind: .events, paths: [log])
        early.asOf = "2026-09-10T00:00:00Z"
        let analysis = try InteractionsRunner(experimentPath: welcome, otherPath: checklist, collection: early).analyze()
        let activation = try #require(analysis.metrics.first { $0.id == "activated_7d" })
        let whole = try InteractionsRunner(experimentPath: welcome, otherPath: checklist, collection: DataCollection(kind: .events, paths: [log])).analyze()
        // Only the users whose 7 days had passed by then count: the cells' rates change.
        #expect(activation.note == nil && activation.cellMeans != whole.metrics.first { $0.id == "activated_7d" }?.cellMeans)
        // Two days in, no 7-day window has closed: the metric is not measurable yet, and says so.
        var tooEarly = DataCollection(kind: .events, paths: [log])
        tooEarly.asOf = "2026-09-03T00:00:00Z"
        let waiting = try InteractionsRunner(experimentPath: welcome, otherPath: checklist, collection: tooEarly).analyze()
        let note = try #require(waiting.metrics.first { $0.id == "activated_7d" }?.note)
        #expect(note.contains("not measurable yet") && note.contains("still maturing"), "\(note)")

        let garbage = try RepositoryPaths.temporaryFile("{\"user_id\": 1\n{\"event\": \"signup_completed\"}\n", name: "garbage.jsonl")
        let rejectsPath = garbage + ".rejects.jsonl"
        let output = InteractionsRunner(experimentPath: welcome, otherPath: checklist,
                                        collection: DataCollection(kind: .events, paths: [garbage], rejectsPath: rejectsPath)).run()
        #expect(output.exitCode == .dataError && output.standardError.contains("every line was rejected"), "\(output.standardError)")
        #expect(try String(contentsOfFile: rejectsPath, encoding: .utf8).split(separator: "\n").count == 2)
    }
}
