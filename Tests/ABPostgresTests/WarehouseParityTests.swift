@testable import ABCommandLine
import ABSummary
import ABEvents
import ABKit
import ABStats
import ABWarehouse
import Foundation
import Testing
@testable import ABPostgres

/// The collector features that came after the first warehouse query — CUPED covariate windows,
/// quantile distributions, the built-in `exposure_hour` dimension and the timeline by exposure
/// day — computed in PostgreSQL equal the collector's on the same events.
///
/// The simulator never writes events before exposure, so these events come from a seeded
/// generator: sessions and purchases before and after exposure, some exactly at the covariate
/// window's edge, exposures at midnight, at the last millisecond of a day and on the hour.
@Suite("warehouse = file: covariate windows, quantiles, exposure hour, timeline", .serialized,
       .enabled(if: TestServer.enabled, TestServer.skipMessage))
struct WarehouseParityTests {
    static let day: Int64 = 86_400_000, hour: Int64 = 3_600_000
    /// 2026-11-02T00:00:00Z.
    static let start: Int64 = 1_793_577_600_000

    /// An experiment over the generated events with `dimensions` and `metrics` (JSON members).
    static func experiment(dimensions: [String] = [], metrics: [String]) -> String {
        let names = dimensions.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"id": "parity", "assignment": {"seed": "parity", "hashVersion": 2},
             "variants": [{"key": "a", "weight": 0.5, "control": true}, {"key": "b", "weight": 0.5}],
             "exposure": {"event": "signup"}, "dimensions": [\(names)],
             "metrics": [\(metrics.joined(separator: ",\n"))]}
            """
    }

    /// Events of `users` units over six days: exposures (some repeated later, some of units that
    /// never come back), sessions and purchases before and after exposure.
    static func events(users: Int = 3000, seed: UInt64 = 11) -> String {
        let random = SeededRandom(seed: seed)
        func below(_ n: Int64) -> Int64 { Int64(random.integer(below: Int(n))) }
        var lines: [String] = []
        func line(_ user: String, _ event: String, _ t: Int64, _ extra: String = "") {
            lines.append("{\"user_id\":\"\(user)\",\"event\":\"\(event)\",\"timestamp\":\(t)\(extra)}")
        }
        func amount() -> String { ",\"amount\":\(Double(below(20_000)) / 100)" }
        for i in 0..<users {
            let user = "p\(i)"
            var t0 = start + below(6 * day)
            switch i % 50 {
            case 0: t0 = start + Int64(i % 6) * day  // midnight
            case 1: t0 = start + Int64(i % 6 + 1) * day - 1  // the last millisecond of a day
            case 2: t0 = start + Int64(i % 24) * hour  // on the hour
            default: break
            }
            let variant = below(2) == 0 ? "a" : "b"
            let country = ["US", "CA", "GB"][Int(below(3))]
            let exposure = ",\"experiment\":\"parity\",\"variant\":\"\(variant)\",\"country\":\"\(country)\""
            line(user, "signup", t0, exposure)
            if i % 37 == 0 { line(user, "signup", t0 + 2 * hour, exposure) }
            // Before exposure: up to 20 days back, beyond every covariate window.
            for _ in 0..<below(6) { line(user, "session", t0 - 1 - below(20 * day)) }
            for _ in 0..<below(3) { line(user, "purchase", t0 - 1 - below(20 * day), amount()) }
            if i % 11 == 0 {
                // The covariate window is [t0 − 14 days, t0): its first millisecond counts, the one before does not.
                line(user, "session", t0 - 14 * day)
                line(user, "session", t0 - 14 * day - 1)
                line(user, "purchase", t0 - 14 * day, amount())
                line(user, "purchase", t0 - 1)  // no amount: counts as a purchase, adds nothing
            }
            // From exposure on.
            if i % 13 == 0 { line(user, "session", t0) }
            for _ in 0..<below(8) { line(user, "session", t0 + below(9 * day)) }
            for _ in 0..<below(3) { line(user, "purchase", t0 + below(9 * day), amount()) }
            // Tips whose sum depends on the order of addition: the collector adds in time order (then
            // by value), (0.1 + 0.2) + 0.3 = 0.6000000000000001; in file order 0.3 + 0.2 + 0.1 = 0.6.
            switch i % 17 {
            case 0: for (k, tip) in ["0.3", "0.2", "0.1"].enumerated() { line(user, "tip", t0 + Int64(3 - k) * hour, ",\"amount\":\(tip)") }
            case 1: line(user, "tip", t0 + hour, ",\"amount\":0.6")
            case 2: for tip in ["0.3", "0.2", "0.1"] { line(user, "tip", t0 + hour, ",\"amount\":\(tip)") }
            default: break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summaries of the collector and of the warehouse for `experiment` over the generated events.
    static func summaries(_ experiment: String) async throws -> (file: SummaryFile, warehouse: SummaryFile) {
        let specPath = try WarehouseEqualityTests.write(experiment, "experiment.json")
        let spec = try ExperimentFile.load(specPath)
        let events = try WarehouseEqualityTests.write(Self.events(), "events.jsonl")
        let fromFile = try DataCollection(kind: .events, paths: [events]).summary(for: spec)
        let fromWarehouse = try await TestServer.withDatabase { url in
            let loaded = try await LoadRunner(url: url, paths: [events], experimentPath: specPath).load()
            #expect(loaded.rejected == 0)
            return try await WarehouseSource(url: url, table: WarehouseTable(events: "events")).summary(for: spec)
        }
        WarehouseEqualityTests.expectEqual(fromFile, fromWarehouse)
        return (fromFile, fromWarehouse)
    }

    @Test("covariateWindow: the same metric over the window before exposure, Σx, Σx², Σxy per variant and slice")
    func covariateWindows() async throws {
        let (file, warehouse) = try await Self.summaries(Self.experiment(dimensions: ["country"], metrics: [
            #"{"id": "sessions", "type": "count", "event": "session", "window": "P7D", "covariateWindow": "P14D", "winsorize": {"upper": 0.95}}"#,
            #"{"id": "spend", "type": "sum", "event": "purchase", "value": "amount", "window": "P7D", "covariateWindow": "P14D"}"#,
            #"{"id": "basket", "type": "mean", "event": "purchase", "value": "amount", "window": "P3D", "covariateWindow": "P2D"}"#,
            #"{"id": "bought", "type": "conversion", "event": "purchase", "window": "P7D", "covariateWindow": "P7D"}"#,
            #"{"id": "back_d1", "type": "retention", "event": "session", "day": 1, "covariateWindow": "P3D"}"#,
            #"{"id": "visits", "type": "count", "event": "session", "window": "P7D"}"#,
        ]))
        for id in ["sessions", "spend", "basket", "bought", "back_d1", "spend[country=CA]"] {
            let metric = try #require(warehouse.metrics.first { $0.id == id })
            for variant in metric.variants {
                let x = try #require(variant.covariate, "\(id) \(variant.key)")
                #expect(x.sum > 0 && x.sumProducts > 0, "\(id) \(variant.key): the generated events give every covariate weight")
            }
        }
        #expect(warehouse.metrics.first { $0.id == "visits" }?.variants.allSatisfy { $0.covariate == nil } == true)
        #expect(file.metrics.count == warehouse.metrics.count)
    }

    @Test("quantile: each variant's distribution of per-unit values, winsorized, overall and per slice")
    func quantiles() async throws {
        let (_, warehouse) = try await Self.summaries(Self.experiment(dimensions: ["country"], metrics: [
            #"{"id": "sessions", "type": "count", "event": "session", "window": "P7D", "quantile": 0.5, "winsorize": {"upper": 0.9}}"#,
            #"{"id": "spend", "type": "sum", "event": "purchase", "value": "amount", "window": "P7D", "quantile": 0.9,"#
                + #" "winsorize": {"lower": 0.05, "upper": 0.99}}"#,
            #"{"id": "basket", "type": "mean", "event": "purchase", "value": "amount", "window": "P3D", "quantile": 0.25}"#,
            #"{"id": "bought", "type": "conversion", "event": "purchase", "window": "P7D"}"#,
            #"{"id": "tips", "type": "sum", "event": "tip", "value": "amount", "window": "P1D", "quantile": 0.5}"#,
        ]))
        let tips = try #require(warehouse.metrics.first { $0.id == "tips" })
        let values = Set(tips.variants.flatMap { $0.distribution ?? [] }.map(\.value))
        #expect(values.contains(0.6) && values.contains(0.1 + 0.2 + 0.3), "equal in decimals, apart in the last bit")
        for id in ["sessions", "spend", "basket", "sessions[country=US]"] {
            let metric = try #require(warehouse.metrics.first { $0.id == id })
            #expect(metric.quantile != nil, "\(id)")
            for variant in metric.variants {
                let distribution = try #require(variant.distribution, "\(id) \(variant.key)")
                #expect(distribution.count > 2 && distribution.reduce(0) { $0 + $1.count } == variant.units, "\(id) \(variant.key)")
            }
        }
        #expect(warehouse.metrics.first { $0.id == "bought" }?.quantile == nil)
    }

    @Test("exposure_hour: every metric by the UTC hour of exposure, beside an attribute dimension")
    func exposureHours() async throws {
        let (_, warehouse) = try await Self.summaries(Self.experiment(dimensions: ["exposure_hour", "country"], metrics: [
            #"{"id": "bought", "type": "conversion", "event": "purchase", "window": "P7D"}"#,
            #"{"id": "sessions", "type": "count", "event": "session", "window": "P7D", "winsorize": {"upper": 0.95}}"#,
        ]))
        let hours = warehouse.metrics.filter { $0.metric == "bought" && $0.dimension?.name == "exposure_hour" }.map { $0.dimension!.value }
        #expect(hours == (0..<24).map { $0 < 10 ? "0\($0)" : "\($0)" })
        #expect(warehouse.metrics.contains { $0.id == "sessions[country=GB]" })
    }

    @Test("timeline: the primary metric by UTC exposure day, proportion and winsorized mean", arguments: ["bought", "sessions"])
    func timeline(primary: String) async throws {
        let metrics = [
            #"{"id": "bought", "type": "conversion", "event": "purchase", "window": "P7D""#,
            #"{"id": "sessions", "type": "count", "event": "session", "window": "P7D", "winsorize": {"upper": 0.95}"#,
        ].map { $0.contains("\"\(primary)\"") ? $0 + #", "primary": true}"# : $0 + "}" }
        let (file, warehouse) = try await Self.summaries(Self.experiment(metrics: metrics))
        let timeline = try #require(warehouse.timeline)
        #expect(timeline.metric == primary && file.timeline != nil)
        #expect(timeline.days.map(\.date) == ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07"])
        let overall = try #require(warehouse.metrics.first { $0.id == primary })
        for (v, variant) in overall.variants.enumerated() {
            #expect(timeline.days.reduce(0) { $0 + $1.variants[v].units } == variant.units, "days add up to the metric")
        }
    }
}
