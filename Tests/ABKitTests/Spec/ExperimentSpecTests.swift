import ABTestSupport
import ABAssign
@testable import ABKit
import Foundation
import Testing

struct BadSpec: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    let expected: [String]
    var testDescription: String { name }
}

let validVariants = #"[{"key":"a","weight":0.5,"control":true},{"key":"b","weight":0.5}]"#

@Suite("ExperimentSpec")
struct ExperimentSpecTests {
    @Test("the example experiments decode and convert to assignment configs")
    func examples() throws {
        let files = RepositoryPaths.experimentFiles
        #expect(files.map(\.lastPathComponent) == [
            "cookie-cats-gate.json", "onboarding-checklist.json", "reengagement-channel.json", "welcome-message-timing.json",
        ])
        for file in files {
            let spec = try ExperimentSpec.load(contentsOf: file)
            let config = try spec.assignmentConfig()
            #expect(config.key == spec.id)
            #expect(config.variants.count == spec.variants.count)
        }
    }

    @Test("welcome-message-timing reads as docs/experiment-file.md describes it")
    func welcome() throws {
        let spec = try ExperimentSpec.load(contentsOf: RepositoryPaths.root.appendingPathComponent("Experiments/welcome-message-timing.json"))
        #expect(spec.variants.map(\.key) == ["immediate", "one-hour", "next-morning"])
        #expect(spec.control?.key == "immediate")
        #expect(spec.variants[1].message?.delay?.seconds == 3600)
        #expect(spec.variants[2].message?.sendAt == "09:00" && spec.variants[2].message?.timezone == "user")
        #expect(spec.assignment.namespace?.range == [0, 0.5])
        #expect(spec.metrics.first { $0.id == "onboarding" }?.steps?.count == 3)
        #expect(spec.metrics.first { $0.id == "unsubscribed" }?.guardrail?.maxRelativeIncrease == 0.10)
        #expect(spec.primaryMetric?.id == "activated_7d")
        #expect(spec.decision.ship?.chanceToBeatControl == 0.95)
        let config = try spec.assignmentConfig()
        let us = config.assign(attributes: JSONObject([("user_id", "u-17"), ("country", "US")]))
        #expect(us.reason != .targetingFailed)
        let fr = config.assign(attributes: JSONObject([("user_id", "u-17"), ("country", "FR")]))
        #expect(fr.reason == .targetingFailed || fr.reason == .outsideNamespace)
        #expect(config.assign(attributes: JSONObject([("user_id", "qa-welcome-1")])).variant == "one-hour")
    }

    @Test("reengagement targets users inactive 14+ days")
    func reengagement() throws {
        let spec = try ExperimentSpec.load(contentsOf: RepositoryPaths.root.appendingPathComponent("Experiments/reengagement-channel.json"))
        let config = try spec.assignmentConfig()
        var targeted = 0
        for i in 0..<200 {
            let fresh = config.assign(attributes: JSONObject([("user_id", .string("u\(i)")), ("days_inactive", 3)]))
            #expect(fresh.reason == .targetingFailed)
            let idle = config.assign(attributes: JSONObject([("user_id", .string("u\(i)")), ("days_inactive", 20)]))
            if idle.inExperiment { targeted += 1 }
        }
        #expect(targeted > 150)
        #expect(spec.source.fields["timestamp"] == "ts")
    }

    @Test("bad files name the JSON path and what was expected", arguments: [
        BadSpec(name: "weight not a number", json: #"{"id":"x","variants":[{"key":"a","weight":0.5},{"key":"b","weight":"x"}]}"#,
                expected: [#"variants[1].weight: expected a number in [0, 1], got "x""#]),
        BadSpec(name: "missing id and variants", json: "{}",
                expected: ["id: expected a string, got nothing (the field is missing)",
                           "variants: expected an array, got nothing (the field is missing)"]),
        BadSpec(name: "weights do not sum to 1", json: #"{"id":"x","variants":[{"key":"a","weight":0.5},{"key":"b","weight":0.2}]}"#,
                expected: ["variants: expected weights summing to 1 (within 0.01), got 0.7"]),
        BadSpec(name: "duplicate keys", json: #"{"id":"x","variants":[{"key":"a","weight":0.5},{"key":"a","weight":0.5}]}"#,
                expected: [#"variants[1].key: duplicate variant key "a""#]),
        BadSpec(name: "bad duration", json: #"{"id":"x","variants":\#(validVariants),"metrics":[{"id":"m","type":"conversion","event":"e","window":"7 days"}]}"#,
                expected: [#"metrics[0].window: expected an ISO 8601 duration such as "P7D" or "PT1H", got "7 days""#]),
        // Found by the fuzz tests: a window of 1e20 days trapped converting to milliseconds.
        BadSpec(name: "window and retention days beyond 100000 days",
                json: #"{"id":"x","variants":\#(validVariants),"metrics":[{"id":"m","type":"conversion","event":"e","window":"P99999999999999999999D"},{"id":"r","type":"retention","event":"e","day":100000000000000,"throughDay":100001},{"id":"c","type":"count","event":"e","covariateWindow":"PT8640000001S"}]}"#,
                expected: [#"metrics[0].window: expected a duration of at most 100000 days (P100000D), got "P99999999999999999999D""#,
                           "metrics[1].day: expected a whole number of days from 0 to 100000, got 100000000000000",
                           "metrics[1].throughDay: expected a whole number of days from 0 to 100000, got 100001",
                           #"metrics[2].covariateWindow: expected a duration of at most 100000 days (P100000D), got "PT8640000001S""#]),
        BadSpec(name: "unknown metric type", json: #"{"id":"x","variants":\#(validVariants),"metrics":[{"id":"m","type":"avg"}]}"#,
                expected: [#"metrics[0].type: expected one of conversion, count, sum, mean, ratio, retention, funnel, timeToEvent, got "avg""#]),
        BadSpec(name: "funnel without steps", json: #"{"id":"x","variants":\#(validVariants),"metrics":[{"id":"m","type":"funnel"}]}"#,
                expected: ["metrics[0].steps: expected at least 2 event names for a funnel metric, got nothing (the field is missing)"]),
        BadSpec(name: "bad namespace and hash version",
                json: #"{"id":"x","variants":\#(validVariants),"assignment":{"hashVersion":3,"namespace":{"id":"n","range":[0.6,0.2]}}}"#,
                expected: ["assignment.hashVersion: expected 1 or 2, got 3",
                           "assignment.namespace.range: expected [start, end] with 0 <= start < end <= 1, got [0.6,0.2]"]),
        BadSpec(name: "override to unknown variant",
                json: #"{"id":"x","variants":\#(validVariants),"assignment":{"overrides":{"qa":"c"}}}"#,
                expected: [#"assignment.overrides["qa"]: expected one of the variant keys ["a", "b"], got "c""#]),
        BadSpec(name: "ship metric unknown and typo field",
                json: #"{"id":"x","variants":\#(validVariants),"decision":{"ship":{"metric":"nope"}},"metircs":[]}"#,
                expected: ["metircs: unknown field; expected one of $schema, id, hypothesis, unit, assignment, variants, exposure, metrics, analysis, decision, source, dimensions, holdout",
                           #"decision.ship.metric: expected one of the metric ids [], got "nope""#]),
        BadSpec(name: "sendAt not a clock time",
                json: #"{"id":"x","variants":[{"key":"a","weight":0.5,"message":{"sendAt":"9am"}},{"key":"b","weight":0.5}]}"#,
                expected: [#"variants[0].message.sendAt: expected a time of day "HH:MM" (00:00 to 23:59), got "9am""#]),
    ])
    func badFiles(_ bad: BadSpec) {
        do {
            _ = try ExperimentSpec.parse(Data(bad.json.utf8), file: "bad.json")
            Issue.record("expected \(bad.name) to be rejected")
        } catch {
            #expect(error.lines == bad.expected.map { "bad.json: " + $0 })
        }
    }

    @Test("decision.start is read by the events' timestamp parser: offsets, a space for T, plain dates; impossible dates refused")
    func startParsedLikeEvents() throws {
        func spec(_ start: String) throws -> ExperimentSpec {
            try ExperimentSpec.parse(Data(#"{"id":"x","variants":\#(validVariants),"decision":{"start":"\#(start)","duration":"P1D"}}"#.utf8), file: "x.json")
        }
        // 09:30 at +02:00 is 07:30 UTC; the planned end is a day later.
        #expect(try spec("2026-11-02 09:30:00+02:00").decision.plannedEnd == Date(timeIntervalSince1970: 1_793_604_600 + 86_400))
        #expect(try spec("2026-11-02").decision.plannedEnd == Date(timeIntervalSince1970: 1_793_577_600 + 86_400))
        #expect(throws: ExperimentSpecError.self) { try spec("2026-02-30T00:00:00Z") }
    }

    @Test("malformed JSON and missing files")
    func unreadable() {
        #expect(throws: ExperimentSpecError.self) { try ExperimentSpec.parse(Data("{".utf8)) }
        do {
            _ = try ExperimentSpec.load(contentsOf: URL(fileURLWithPath: "/nonexistent/x.json"))
        } catch {
            guard case .unreadable = error else { Issue.record("expected unreadable, got \(error)"); return }
        }
    }

    @Test("Codable decoding validates too")
    func codable() throws {
        let data = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Experiments/onboarding-checklist.json"))
        let spec = try JSONDecoder().decode(ExperimentSpec.self, from: data)
        #expect(spec.assignment.coverage == 0.8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ExperimentSpec.self, from: Data("{}".utf8)) }
    }

    @Test("ISO 8601 durations", arguments: [
        ("PT0S", 0.0), ("PT1H", 3600), ("P7D", 604_800), ("P14D", 1_209_600), ("PT30M", 1800), ("P1W", 604_800),
        ("P1DT12H", 129_600), ("PT1.5S", 1.5),
    ])
    func durations(text: String, seconds: Double) {
        #expect(ISODuration(text)?.seconds == seconds)
    }

    @Test("invalid durations", arguments: ["", "P", "PT", "7D", "P1M", "P1Y", "PT1D", "P1H", "P1DT", "PT1H1H", "P-1D"])
    func invalidDurations(text: String) {
        #expect(ISODuration(text) == nil)
    }
}
