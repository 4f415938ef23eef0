@testable import ABCommandLine
import ABSummary
import ABAssign
import ABEvents
import ABKit
import ABWarehouse
import Foundation
import Testing
@testable import ABPostgres

/// The warehouse path (abkit load, then the generated SQL on PostgreSQL) and the file path
/// (EventCollector) must give the same summary on the same events: counts exactly, sums to
/// 1e-9 relative.
@Suite("warehouse = file, on real PostgreSQL and Spark servers", .serialized, .enabled(if: TestServer.anyEngine, TestServer.skipEnginesMessage))
struct WarehouseEqualityTests {
    static let injection = "x'; drop table events; --"

    /// Every metric type the collector has, windows and winsorization, three dimensions (one
    /// named to break out of the SQL), and a metric named the same way.
    static let everyMetric = """
        {"id": "warehouse-every-metric", "unit": "user_id",
         "assignment": {"seed": "warehouse-every-metric", "hashVersion": 2, "coverage": 1.0,
                        "targeting": {"country": {"$in": ["US", "CA", "GB"]}}},
         "variants": [{"key": "control", "weight": 0.5, "control": true}, {"key": "treatment", "weight": 0.5}],
         "exposure": {"event": "signup_completed"},
         "dimensions": ["country", "platform", "x'; drop table events; --"],
         "metrics": [
           {"id": "activated_7d", "type": "conversion", "event": "first_project_created", "window": "P7D", "primary": true},
           {"id": "opens", "type": "count", "event": "email_opened", "window": "P14D", "winsorize": {"upper": 0.95}},
           {"id": "revenue", "type": "sum", "event": "purchase", "value": "amount", "window": "P30D",
            "winsorize": {"lower": 0.05, "upper": 0.99}},
           {"id": "order_value", "type": "mean", "event": "purchase", "value": "amount", "window": "P3D"},
           {"id": "open_rate", "type": "ratio", "numerator": "email_opened", "denominator": "email_sent", "window": "P14D"},
           {"id": "retained_d7", "type": "retention", "event": "session_start", "day": 7},
           {"id": "retained_w2", "type": "retention", "event": "session_start", "day": 7, "throughDay": 13},
           {"id": "onboarding", "type": "funnel", "steps": ["profile_completed", "first_project_created", "invited_teammate"], "window": "P5D"},
           {"id": "time_to_activation", "type": "timeToEvent", "event": "first_project_created", "window": "P14D"},
           {"id": "time_to_purchase", "type": "timeToEvent", "event": "purchase"},
           {"id": "x'; drop table events; --", "type": "conversion", "event": "x'; drop table events; --"}
         ],
         "decision": {"ship": {"metric": "activated_7d", "chanceToBeatControl": 0.95}, "minimumUnitsPerVariant": 100}}
        """

    /// Edge cases the simulator does not make: window and retention boundaries to the
    /// millisecond, funnel ties, several variants, other experiments, unknown variants,
    /// eligibility-only units (assignments table), numeric strings, dimension ties; the
    /// exposure hour, covariate, quantile and timeline of units exposed by eligibility.
    static let edgeExperiment = """
        {"id": "edge", "assignment": {"seed": "edge", "hashVersion": 2},
         "variants": [{"key": "a", "weight": 0.5}, {"key": "b", "weight": 0.5}],
         "exposure": {"event": "expose"}, "dimensions": ["country", "exposure_hour"],
         "metrics": [
           {"id": "conv", "type": "conversion", "event": "buy", "window": "PT1H", "primary": true},
           {"id": "clicks", "type": "count", "event": "click", "window": "PT1H", "covariateWindow": "PT1M"},
           {"id": "spend", "type": "sum", "event": "buy", "value": "amount", "window": "PT1H", "winsorize": {"upper": 0.5},
            "quantile": 0.5},
           {"id": "ctr", "type": "ratio", "numerator": "click", "denominator": "view"},
           {"id": "spend_per_view", "type": "ratio", "numerator": "buy", "denominator": "view", "value": "amount"},
           {"id": "d1", "type": "retention", "event": "visit", "day": 1},
           {"id": "steps", "type": "funnel", "steps": ["s1", "s2", "s1"], "window": "PT2H"},
           {"id": "ttb", "type": "timeToEvent", "event": "buy", "window": "PT1H"},
           {"id": "ttb_open", "type": "timeToEvent", "event": "buy"}
         ]}
        """

    static func edgeEvents() -> String {
        let t0: Int64 = 1_793_577_600_000
        let hour: Int64 = 3_600_000, day: Int64 = 86_400_000
        func line(_ user: String, _ event: String, _ t: Int64, _ extra: String = "") -> String {
            "{\"user_id\":\"\(user)\",\"event\":\"\(event)\",\"timestamp\":\(t)\(extra)}"
        }
        return [
            line("u1", "expose", t0, ",\"experiment\":\"edge\",\"variant\":\"a\",\"country\":\"US\""),
            line("u1", "expose", t0 + 600_000, ",\"variant\":\"a\",\"country\":\"CA\""),
            line("u1", "buy", t0 + hour, ",\"amount\":5"),
            line("u1", "buy", t0 + hour + 1, ",\"amount\":50"),
            line("u1", "click", t0 - 1),
            line("u1", "click", t0),
            line("u1", "view", t0 + 5),
            line("u1", "visit", t0 + day),
            line("u1", "s2", t0 + 10), line("u1", "s1", t0 + 10), line("u1", "s1", t0 + 20),
            line("u2", "expose", t0, ",\"variant\":\"b\""), line("u2", "expose", t0 + 1, ",\"variant\":\"a\""),
            line("u2", "buy", t0 + 2, ",\"amount\":1"),
            line("u3", "expose", t0 - 5, ""), line("u3", "expose", t0, ",\"variant\":\"b\""),
            line("u3", "buy", t0 + hour + 1, ",\"amount\":7"), line("u3", "visit", t0 + 2 * day),
            line("u3", "s1", t0 + 1), line("u3", "s2", t0 + 1), line("u3", "s1", t0 + 2 * hour + 1),
            line("u3", "view", t0 + 3), line("u3", "view", t0 + 4), line("u3", "click", t0 + 4),
            line("u4", "expose", t0, ",\"experiment\":\"other\",\"variant\":\"a\""), line("u4", "buy", t0 + 1, ",\"amount\":3"),
            line("u5", "expose", t0, ",\"variant\":\"zzz\""), line("u5", "buy", t0 + 1, ",\"amount\":3"),
            line("u6", "expose", t0 + 100, ",\"country\":\"GB\""), line("u6", "buy", t0 + 200, ",\"amount\":\"7.5\""),
            line("u6", "buy", t0 + 300), line("u6", "visit", t0 + day + 5),
            line("u7", "expose", t0 + 100), line("u8", "expose", t0 + 100), line("u9", "expose", t0 + 100),
            line("u7", "buy", t0 + 900_000, ",\"amount\":2.25"), line("u9", "click", t0 + 101),
            line("u10", "expose", t0, ",\"variant\":\"b\",\"country\":\"ZZ\""),
            line("u10", "expose", t0, ",\"variant\":\"b\",\"country\":\"AA\""),
            line("u10", "buy", t0 + 59_999, ",\"amount\":1e2"),
            line("u11", "expose", t0, ",\"variant\":\"a\",\"country\":44"),
            line("u11", "s1", t0 + 1), line("u11", "s2", t0 + 2), line("u11", "s1", t0 + 2 * hour),
            line("u12", "heartbeat", t0 + 30 * 60_000),
        ].joined(separator: "\n") + "\n"
    }

    static func write(_ text: String, _ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("abkit-warehouse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A simulated event log; Spark runs a smaller one, since each of its queries costs seconds of
    /// fixed overhead per stage on a local server.
    static func simulated(_ spec: ExperimentSpec, users: Int = 6000) throws -> String {
        var lines: [String] = []
        let plan = SimulationPlan(
            users: users, days: 21, seed: 19, effects: ["activated_7d": ["treatment": 0.15], "revenue": ["treatment": 0.1]],
            dirtyRate: 0.02)
        _ = try EventSimulator(spec: spec, plan: plan).run { lines.append($0) }
        return try write(lines.joined(separator: "\n") + "\n", "events.jsonl")
    }

    /// Counts exactly, sums to 1e-9 relative: every metric and slice, CUPED covariate sums, quantile
    /// distributions (values to 1e-9, counts exactly) and the timeline.
    static func expectEqual(_ file: SummaryFile, _ warehouse: SummaryFile) {
        #expect(file.metrics.map(\.id) == warehouse.metrics.map(\.id))
        #expect(file.data?.units == warehouse.data?.units)
        #expect(file.data?.excludedUnits?["multiple-variants"] == warehouse.data?.excludedUnits?["multiple-variants"])
        func close(_ a: Double?, _ b: Double?, _ what: String) {
            guard let a, let b else { return #expect(a == b, "\(what)") }
            #expect(abs(a - b) <= 1e-9 * max(abs(a), abs(b)), "\(what): \(a) vs \(b)")
        }
        func variants(_ a: SummaryVariant, _ b: SummaryVariant, _ at: String) {
            #expect(a.units == b.units, "\(at) units")
            #expect(a.conversions == b.conversions, "\(at) conversions")
            close(a.sum, b.sum, "\(at) sum")
            close(a.sumSquares, b.sumSquares, "\(at) sumSquares")
            #expect(a.maturing == b.maturing, "\(at) maturing")
        }
        for (f, w) in zip(file.metrics, warehouse.metrics) {
            #expect(f.type == w.type && f.metric == w.metric && f.funnel == w.funnel && f.dimension == w.dimension, "\(f.id)")
            #expect(f.quantile == w.quantile, "\(f.id) quantile")
            #expect(f.variants.map(\.key) == w.variants.map(\.key), "\(f.id)")
            for (a, b) in zip(f.variants, w.variants) {
                let at = "\(f.id) \(a.key)"
                variants(a, b, at)
                #expect(a.survival == b.survival, "\(at) survival")
                close(a.ratio?.numerator, b.ratio?.numerator, "\(at) numerator")
                close(a.ratio?.denominator, b.ratio?.denominator, "\(at) denominator")
                close(a.ratio?.numeratorSquares, b.ratio?.numeratorSquares, "\(at) numeratorSquares")
                close(a.ratio?.denominatorSquares, b.ratio?.denominatorSquares, "\(at) denominatorSquares")
                close(a.ratio?.cross, b.ratio?.cross, "\(at) cross")
                #expect((a.covariate == nil) == (b.covariate == nil), "\(at) covariate")
                close(a.covariate?.sum, b.covariate?.sum, "\(at) covariate sum")
                close(a.covariate?.sumSquares, b.covariate?.sumSquares, "\(at) covariate sumSquares")
                close(a.covariate?.sumProducts, b.covariate?.sumProducts, "\(at) covariate sumProducts")
                #expect(a.distribution?.map(\.count) == b.distribution?.map(\.count), "\(at) distribution counts")
                for (x, y) in zip(a.distribution ?? [], b.distribution ?? []) { close(x.value, y.value, "\(at) distribution value") }
            }
        }
        #expect(file.timeline?.metric == warehouse.timeline?.metric && file.timeline?.type == warehouse.timeline?.type, "timeline")
        #expect(file.timeline?.days.map(\.date) == warehouse.timeline?.days.map(\.date), "timeline dates")
        for (f, w) in zip(file.timeline?.days ?? [], warehouse.timeline?.days ?? []) {
            #expect(f.variants.map(\.key) == w.variants.map(\.key), "timeline \(f.date)")
            for (a, b) in zip(f.variants, w.variants) { variants(a, b, "timeline \(f.date) \(a.key)") }
        }
    }

    @Test("simulated dirty events: every metric type, winsorized, sliced, and the injection names harmless", arguments: TestServer.engines)
    func everyMetricType(engine: TestServer.Engine) async throws {
        let specPath = try Self.write(Self.everyMetric, "experiment.json")
        let spec = try ExperimentFile.load(specPath)
        let events = try Self.simulated(spec, users: engine == .spark ? 2000 : 6000)
        let fromFile = try DataCollection(kind: .events, paths: [events]).summary(for: spec)
        try await TestServer.withDatabase(engine) { url in
            let loaded = try await LoadRunner(url: url, paths: [events], experimentPath: specPath).load()
            #expect(loaded.rejected == fromFile.data?.rejected)
            #expect(loaded.duplicates == fromFile.data?.duplicates)
            let source = WarehouseSource(url: url, table: WarehouseTable(events: "events"))
            let fromWarehouse = try await source.summary(for: spec)
            Self.expectEqual(fromFile, fromWarehouse)
            #expect(fromFile.metrics.contains { $0.id == "revenue[country=CA]" })
            #expect(fromFile.metrics.contains { $0.id == "onboarding.invited_teammate.stepRate[platform=web]" })

            // The inlined SQL of `abkit sql --inline-values` runs too, and the table survives both.
            let warehouse = try await WarehouseConnector.connect(url)
            let query = try spec.warehouseQuery(WarehouseTable(events: "events"), dialect: warehouse.dialect)
            #expect(query.parameters.contains(.text(Self.injection)))
            let inlinedRows = try await warehouse.summaryRows(SQLQuery(text: query.inlined(warehouse.dialect), parameters: []))
            let (plan, table) = try spec.warehousePlan(WarehouseTable(events: "events"))
            let inlined = try WarehouseSummary.build(
                plan: plan, control: spec.control!.key, weights: spec.weightsByVariant, rows: inlinedRows, assignments: table.assignments != nil)
            Self.expectEqual(fromWarehouse, inlined)
            try await warehouse.execute("SELECT 1 FROM \(warehouse.dialect.quoteIdentifier("events")) LIMIT 1", [])
            await warehouse.close()
        }
    }

    /// Loads the edge events into `events`, and the eligibility-only units' assignments, as
    /// `abkit assign --format csv` writes them, into `assignments` (`abkit load --assignments`).
    static func loadEdgeCases(url: String, specPath: String, events: String) async throws {
        _ = try await LoadRunner(url: url, paths: [events], experimentPath: specPath).load()
        let csv = MemoryOutput()
        let code = AssignRunner.run(
            AssignOptions(experimentFiles: [specPath], input: "-", format: .csv), stdin: MemoryInput("u3\nu6\nu7\nu8\nu9\n"),
            stdout: csv, stderr: MemoryOutput())
        #expect(code == 0)
        let assignmentsPath = try Self.write(csv.text, "assignments.csv")
        let loaded = try await LoadRunner(url: url, paths: [assignmentsPath], table: "assignments", assignments: true).load()
        #expect(loaded.accepted == 5 && loaded.rejected == 0)
    }

    @Test("edge cases to the millisecond, an assignments table for eligibility-only units", arguments: TestServer.engines)
    func edgeCases(engine: TestServer.Engine) async throws {
        let specPath = try Self.write(Self.edgeExperiment, "edge.json")
        let spec = try ExperimentFile.load(specPath)
        let events = try Self.write(Self.edgeEvents(), "edge.jsonl")
        let fromFile = try DataCollection(kind: .events, paths: [events]).summary(for: spec)
        #expect(fromFile.data?.excludedUnits?["multiple-variants"] == 1)
        try await TestServer.withDatabase(engine) { url in
            try await Self.loadEdgeCases(url: url, specPath: specPath, events: events)
            let table = WarehouseTable(events: "events", assignments: "assignments")
            let fromWarehouse = try await WarehouseSource(url: url, table: table).summary(for: spec)
            Self.expectEqual(fromFile, fromWarehouse)
            let conv = try #require(fromWarehouse.metrics.first { $0.id == "conv" })
            #expect(conv.variants.reduce(0) { $0 + $1.units } == 8, "u1, u3, u6–u11 less u2 (two variants); u4 other experiment, u5 unknown variant")
        }
    }

    /// Windowed metrics of every kind on units exposed up to the end of the data: who is
    /// maturing depends on the window (retention: its last day's end) and on `analysis.asOf`.
    static func maturityExperiment(asOf: String?) -> String {
        """
        {"id": "mature", "assignment": {"seed": "mature", "hashVersion": 2},
         "variants": [{"key": "a", "weight": 0.5}, {"key": "b", "weight": 0.5}],
         "exposure": {"event": "expose"}, "dimensions": ["country"],
         "metrics": [
           {"id": "conv", "type": "conversion", "event": "buy", "window": "P2D", "primary": true},
           {"id": "clicks", "type": "count", "event": "click", "window": "P1D", "covariateWindow": "P1D"},
           {"id": "spend", "type": "sum", "event": "buy", "value": "amount", "window": "P2D",
            "winsorize": {"lower": 0.2, "upper": 0.8}, "quantile": 0.5},
           {"id": "avg", "type": "mean", "event": "buy", "value": "amount", "window": "P1D", "winsorize": {"floor": 0}},
           {"id": "net", "type": "sum", "event": "buy", "value": "amount", "winsorize": {"floor": -1, "lower": 0.3}},
           {"id": "ctr", "type": "ratio", "numerator": "click", "denominator": "view", "window": "P1D"},
           {"id": "d1", "type": "retention", "event": "visit", "day": 1},
           {"id": "steps", "type": "funnel", "steps": ["view", "click", "buy"], "window": "P2D"},
           {"id": "ttb", "type": "timeToEvent", "event": "buy", "window": "P2D"},
           {"id": "open_clicks", "type": "count", "event": "click"}
         ]\(asOf.map { ", \"analysis\": {\"asOf\": \"\($0)\"}" } ?? "")}
        """
    }

    static func maturityEvents() -> String {
        let t0: Int64 = 1_793_577_600_000, hour: Int64 = 3_600_000, day: Int64 = 86_400_000
        func line(_ user: String, _ event: String, _ t: Int64, _ extra: String = "") -> String {
            "{\"user_id\":\"\(user)\",\"event\":\"\(event)\",\"timestamp\":\(t)\(extra)}"
        }
        var lines: [String] = []
        // Twelve units exposed every 8 hours over 4 days; the data end at t0 + 4 days.
        for i in 0..<12 {
            let user = "m\(i)", t = t0 + Int64(i) * 8 * hour
            lines.append(line(user, "expose", t, ",\"variant\":\"\(i % 2 == 0 ? "a" : "b")\",\"country\":\"\(i % 3 == 0 ? "US" : "CA")\""))
            lines.append(line(user, "click", t - hour))
            if i % 4 != 3 { lines.append(line(user, "view", t + hour)); lines.append(line(user, "click", t + 2 * hour)) }
            if i % 3 != 2 { lines.append(line(user, "buy", t + 5 * hour, ",\"amount\":\(Double(i * 7 % 11) - 3)")) }
            if i % 2 == 1, i < 8 { lines.append(line(user, "visit", t + day + hour)) }
        }
        lines.append(line("m-end", "heartbeat", t0 + 4 * day))
        // A unit exposed exactly one window (2 days) before the end: mature for conv, spend and steps.
        lines.append(line("edge", "expose", t0 + 2 * day, ",\"variant\":\"a\""))
        lines.append(line("edge", "buy", t0 + 4 * day, ",\"amount\":4"))
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("maturing units: every windowed kind leaves out the units whose window is open, on both paths; asOf moves the end; floors")
    func maturingUnits() async throws {
        let events = try Self.write(Self.maturityEvents(), "mature.jsonl")
        for asOf in [nil, "2026-11-05T12:00:00Z", "2026-12-31T00:00:00Z"] {
            let specPath = try Self.write(Self.maturityExperiment(asOf: asOf), "mature.json")
            let spec = try ExperimentFile.load(specPath)
            let fromFile = try DataCollection(kind: .events, paths: [events]).summary(for: spec)
            let conv = try #require(fromFile.metrics.first { $0.id == "conv" })
            let maturing = conv.variants.map { $0.maturing ?? 0 }.reduce(0, +)
            switch asOf {
            // End t0 + 4 d: units exposed after t0 + 2 d (m7…m11) are maturing for a 2-day window; "edge" is not.
            case nil: #expect(maturing == 5 && conv.variants.reduce(0) { $0 + $1.units } == 8)
            // End t0 + 3.5 d: units exposed after t0 + 1.5 d (m5…m11) and "edge" are maturing.
            case "2026-11-05T12:00:00Z": #expect(maturing == 8 && conv.variants.reduce(0) { $0 + $1.units } == 5)
            default: #expect(maturing == 0 && conv.variants.allSatisfy { $0.maturing == nil })
            }
            #expect(fromFile.metrics.first { $0.id == "ttb" }!.variants.allSatisfy { $0.maturing == nil }, "time to event is censored instead")
            #expect(fromFile.metrics.first { $0.id == "open_clicks" }!.variants.allSatisfy { $0.maturing == nil }, "no window, nothing to wait for")
            try await TestServer.withDatabase { url in
                _ = try await LoadRunner(url: url, paths: [events], experimentPath: specPath).load()
                let fromWarehouse = try await WarehouseSource(url: url, table: WarehouseTable(events: "events")).summary(for: spec)
                Self.expectEqual(fromFile, fromWarehouse)
            }
        }
    }

    @Test("the commands: abkit load, then analyze and gate --warehouse, as the executable runs them", arguments: TestServer.engines)
    func commands(engine: TestServer.Engine) async throws {
        let specPath = try Self.write(Self.everyMetric, "experiment.json")
        let spec = try ExperimentFile.load(specPath)
        let events = try Self.simulated(spec, users: engine == .spark ? 1000 : 6000)
        try await TestServer.withDatabase(engine) { url in
            let load = try await TestServer.onThread {
                LoadRunner(url: url, paths: [events], table: "raw_events", experimentPath: specPath, strict: true).run()
            }
            #expect(load.exitCode == .dataError, "--strict with dirty lines loads nothing")
            let loaded = try await TestServer.onThread { LoadRunner(url: url, paths: [events], table: "raw_events", experimentPath: specPath).run() }
            #expect(loaded.exitCode == .success, "\(loaded.standardError)")
            #expect(loaded.standardError.hasPrefix("load: read "))
            let summary = try await TestServer.onThread {
                try WarehouseSource(url: url, table: WarehouseTable(events: "raw_events")).summary(for: spec)
            }
            let now = Date(timeIntervalSince1970: 0)
            let viaWarehouse = AnalyzeRunner(experimentPath: specPath, input: .prepared(summary, source: url), format: .json, now: now)
            let viaFile = AnalyzeRunner(experimentPath: specPath, input: .collection(DataCollection(kind: .events, paths: [events])), format: .json, now: now)
            let a = try viaWarehouse.analyze(), b = try viaFile.analyze()
            #expect(a.decision?.verdict == b.decision?.verdict)
            #expect(a.metrics.map(\.id) == b.metrics.map(\.id))
            let gate = GateRunner(analysis: viaWarehouse).run()
            #expect([.success, .blocked, .inconclusive].contains(gate.exitCode), "\(gate.standardError)")
            let missing = try await TestServer.onThread {
                Result { try WarehouseSource(url: url, table: WarehouseTable(events: "no_such_table")).summary(for: spec) }
            }
            #expect(throws: ABKitError.self) { try missing.get() }
        }
    }

    /// Funnel steps at one millisecond, in the welcome experiment (whose other metrics give
    /// `first_project_created` a smaller event code than `profile_completed`) and in a file with
    /// the funnel alone. Per user: variant, then (event, ms after exposure); P, F, I are the steps.
    static let tiedFunnelUsers: [(String, String, [(String, Int64)])] = [
        ("a1", "immediate", [("P", 1000), ("F", 1000), ("I", 2000)]),
        ("a2", "immediate", [("I", 5000), ("F", 5000), ("P", 5000)]),
        ("a3", "immediate", [("P", 1000), ("I", 2000), ("F", 2000)]),
        ("a4", "immediate", [("F", 1000), ("P", 2000), ("I", 3000)]),
        ("a5", "immediate", []),
        ("b1", "one-hour", [("F", 1000), ("P", 1000)]),
        ("b2", "one-hour", [("P", 1000), ("I", 1000), ("F", 2000)]),
        ("b3", "one-hour", [("P", 14 * 86_400_000), ("F", 14 * 86_400_000)]),
        ("c1", "next-morning", [("F", 1000), ("P", 1000), ("F", 3000), ("I", 4000)]),
        ("c2", "next-morning", [("P", -1), ("F", -1)]),
    ]

    @Test("funnel ties: the welcome file and a funnel-only file, on both paths, give the hand-computed counts", arguments: TestServer.engines)
    func funnelTies(engine: TestServer.Engine) async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let welcomePath = repository.appendingPathComponent("Experiments/welcome-message-timing.json").path
        let funnelOnlyPath = try Self.write("""
            {"id": "welcome-message-timing", "assignment": {"seed": "welcome-message-timing", "hashVersion": 2},
             "variants": [{"key": "immediate", "weight": 0.34, "control": true}, {"key": "one-hour", "weight": 0.33},
                          {"key": "next-morning", "weight": 0.33}],
             "exposure": {"event": "signup_completed"},
             "metrics": [{"id": "onboarding", "type": "funnel",
                          "steps": ["profile_completed", "first_project_created", "invited_teammate"], "window": "P14D"}]}
            """, "funnel-only.json")
        let t0: Int64 = 1_793_577_600_000
        let names = ["P": "profile_completed", "F": "first_project_created", "I": "invited_teammate"]
        var lines: [String] = []
        for (user, variant, events) in Self.tiedFunnelUsers {
            lines.append(#"{"user_id":"\#(user)","event":"signup_completed","timestamp":\#(t0),"variant":"\#(variant)"}"#)
            for (event, dt) in events { lines.append(#"{"user_id":"\#(user)","event":"\#(names[event]!)","timestamp":\#(t0 + dt)}"#) }
        }
        let events = try Self.write(lines.joined(separator: "\n") + "\n", "ties.jsonl")
        func steps(_ summary: SummaryFile) -> [[Int]] {
            ["profile_completed", "first_project_created", "invited_teammate"].map { event in
                summary.metrics.first { $0.id == "onboarding.\(event)" }?.variants.map { $0.conversions ?? -1 } ?? []
            }
        }
        // Steps × variants (immediate, one-hour, next-morning).
        let expected = [[4, 3, 1], [3, 3, 1], [3, 0, 1]]
        try await TestServer.withDatabase(engine) { url in
            _ = try await LoadRunner(url: url, paths: [events], experimentPath: welcomePath).load()
            for specPath in [welcomePath, funnelOnlyPath] {
                let spec = try ExperimentFile.load(specPath)
                let fromFile = try DataCollection(kind: .events, paths: [events]).summary(for: spec)
                let fromWarehouse = try await WarehouseSource(url: url, table: WarehouseTable(events: "events")).summary(for: spec)
                #expect(steps(fromFile) == expected, "\(specPath)")
                #expect(steps(fromWarehouse) == expected, "\(specPath)")
                Self.expectEqual(fromFile, fromWarehouse)
            }
        }
    }
}
