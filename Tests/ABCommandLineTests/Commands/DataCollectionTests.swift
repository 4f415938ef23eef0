import ABTestSupport
import ABSummary
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

/// Issue 15, "errors a user cannot act on": problems of data collected from event logs are reported
/// against the input files, the metric and the variant, never an internal summary's JSON path.
@Suite("DataCollection: problems of collected data in the user's terms")
struct DataCollectionTests {
    let welcome = RepositoryPaths.experiments("welcome-message-timing.json")

    /// One exposure per variant, and two purchases of 1e308 for one-hour: finite values whose sum is not.
    static let overflowingLog = """
        {"event_id":"e1","user_id":"a","event":"signup_completed","timestamp":"2026-11-07T13:15:04Z","experiment":"welcome-message-timing","variant":"immediate"}
        {"event_id":"e2","user_id":"b","event":"signup_completed","timestamp":"2026-11-07T13:15:04Z","experiment":"welcome-message-timing","variant":"one-hour"}
        {"event_id":"e3","user_id":"c","event":"signup_completed","timestamp":"2026-11-07T13:15:04Z","experiment":"welcome-message-timing","variant":"next-morning"}
        {"event_id":"e4","user_id":"b","event":"purchase","amount":1e308,"timestamp":"2026-11-07T14:15:04Z"}
        {"event_id":"e5","user_id":"b","event":"purchase","amount":1e308,"timestamp":"2026-11-07T14:16:04Z"}
        {"event_id":"e6","user_id":"z","event":"heartbeat","timestamp":"2026-12-31T00:00:00Z"}

        """

    @Test("a sum that overflows names the log, the metric and the variant (analyze and aggregate, exit 65)")
    func overflowingSum() throws {
        let log = try RepositoryPaths.temporaryFile(Self.overflowingLog, name: "welcome.jsonl")
        let expected = "error: \(log): metric revenue_30d, variant one-hour: the sum overflowed to infinity (values too large?)\n"
        let analyze = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [log]))).run()
        #expect(analyze.standardError == expected)
        #expect(analyze.exitCode == .dataError)
        let aggregate = AggregateRunner(experimentPath: welcome, collection: DataCollection(kind: .events, paths: [log]),
                                        outputPath: log + ".summary.json").run()
        #expect(aggregate.standardError == expected)
        #expect(aggregate.exitCode == .dataError)
    }

    @Test("a sum of squares that overflows is named in words")
    func overflowingSquares() throws {
        let log = try RepositoryPaths.temporaryFile(Self.overflowingLog.replacingOccurrences(of: "1e308", with: "1e200"), name: "squares.jsonl")
        let output = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [log]))).run()
        #expect(output.standardError
                == "error: \(log): metric revenue_30d, variant one-hour: the sum of squares overflowed to infinity (values too large?)\n")
        #expect(output.exitCode == .dataError)
    }

    @Test("a funnel step that no unit could reach is reported as such, not as missing exposures")
    func emptyFunnelStep() throws {
        // The purchases are rejected (non-numeric-value), so nobody completes any funnel step.
        let log = try RepositoryPaths.temporaryFile(Self.overflowingLog.replacingOccurrences(of: "1e308", with: "1e400"), name: "funnel.jsonl")
        let output = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [log]))).run()
        #expect(output.standardError == "error: \(log): metric onboarding, step 2 (first_project_created), variant immediate: "
                + "no unit reached step 1, so this step has no units to divide by\n")
        #expect(output.exitCode == .dataError)
    }

    @Test("an empty or header-only log says which variant has no exposures and what was read (exit 65)")
    func noExposures() throws {
        for (name, text, read) in [
            ("empty.jsonl", "", "read 0 lines: 0 accepted, 0 rejected, 0 duplicates; 0 units"),
            ("header.csv", "user_id,event,timestamp\n", "read 0 lines: 0 accepted, 0 rejected, 0 duplicates; 0 units"),
        ] {
            let log = try RepositoryPaths.temporaryFile(text, name: name)
            let output = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [log]))).run()
            #expect(output.standardError == "error: \(log): no exposures for variant immediate (\(read))\n")
            #expect(output.exitCode == .dataError)
        }
        // Every line rejected: said as such, with the counts and the first reject.
        let log = try RepositoryPaths.temporaryFile("{\"user_id\":\"u\",\"event\":\"signup_completed\"}\n", name: "no-time.jsonl")
        let output = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [log]))).run()
        #expect(output.standardError.hasPrefix("error: \(log): every line was rejected "
            + "(read 1 line: 0 accepted, 1 rejected (missing-timestamp 1), 0 duplicates; 0 units); the first at \(log) line 1: missing-timestamp"),
            "\(output.standardError)")
        #expect(output.exitCode == .dataError)
    }

    @Test("several inputs are all named, never an empty file name")
    func sourceName() {
        let collection = DataCollection(kind: .events, paths: ["a.jsonl", "b.jsonl"], sqlite: [.init(path: "x.db", table: "events")])
        #expect(collection.sourceName == "a.jsonl, b.jsonl, x.db:events")
    }
}

@Suite("Summaries computed elsewhere and messages without a file")
struct PreparedSummaryTests {
    @Test("a summary computed by a warehouse query is reported against its source, metric and variant")
    func prepared() {
        let variants = [SummaryVariant(key: "a", units: 0, conversions: 0), SummaryVariant(key: "b", units: 5, conversions: 1)]
        var summary = SummaryFile(experiment: "x", control: "a", metrics: [SummaryMetric(id: "m", type: .proportion, variants: variants)])
        var data = DataAccounting()
        data.units = 5
        summary.data = data
        let output = AnalyzeRunner(input: .prepared(summary, source: "postgres://ana@db:5432/shop")).run()
        #expect(output.standardError == "error: postgres://ana@db:5432/shop: no exposures for variant a (computed in the warehouse: 5 units)\n")
        #expect(output.exitCode == .dataError)
    }

    @Test("an error without a file or location never starts with ': '")
    func noEmptyPrefix() {
        #expect(ABKitError.badData(path: "", location: "chance to be best", message: "expected finite probabilities").localizedDescription
                == "chance to be best: expected finite probabilities")
        #expect(ABKitError.badData(path: "", location: "", message: "m").localizedDescription == "m")
        #expect(ABKitError.missingInput(path: "", reason: "closed").localizedDescription == "cannot read the input: closed")
        #expect(ABKitError.cannotWrite(path: "", reason: "full").localizedDescription == "cannot write the output: full")
    }
}
