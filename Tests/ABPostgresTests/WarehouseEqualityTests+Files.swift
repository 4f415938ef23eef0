@testable import ABCommandLine
import ABEvents
import ABKit
import ABWarehouse
import Foundation
import Testing

/// Events the warehouse reads as they are stored: files Spark reads where they lie
/// (`--events-path`), times stored as text, and a column the experiment file names that the
/// table lacks. Each summary must equal the collector's on the same events. In the equality
/// suite, whose tests run one at a time: on Spark they share the server's default database.
extension WarehouseEqualityTests {
    static let welcomePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Experiments/welcome-message-timing.json").path

    /// The JSON lines as CSV with a header: every member a column, absent members empty.
    static func csv(fromJSONLines text: String) throws -> String {
        var names: [String] = [], rows: [[String: String]] = []
        for line in text.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var row: [String: String] = [:]
            for (key, value) in object {
                if !names.contains(key) { names.append(key) }
                row[key] = (value as? String) ?? "\(value)"
            }
            rows.append(row)
        }
        names.sort()
        func field(_ value: String) -> String {
            value.contains(where: { ",\"\n".contains($0) }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        return ([names.joined(separator: ",")] + rows.map { row in names.map { field(row[$0] ?? "") }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    @Test("Spark reads JSON lines, CSV and Parquet files where they lie, under a path that tries to break out of the SQL, each as the collector reads them",
          .enabled(if: TestServer.engines.contains(.spark)))
    func files() async throws {
        let url = try #require(TestServer.Engine.spark.url, "ABKIT_TEST_SPARK is not set")
        let spec = try ExperimentFile.load(Self.welcomePath)
        var lines: [String] = []
        _ = try EventSimulator(spec: spec, plan: SimulationPlan(users: 1500, days: 14, seed: 7)).run { lines.append($0) }
        let jsonLines = lines.joined(separator: "\n") + "\n"
        // The directory's name tries to end the path's quoted literal (a backslash is quoted too,
        // WarehouseTableTests, but Spark's file system reads one in a path as a glob escape).
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("abkit-files-\(UUID().uuidString)")
            .appendingPathComponent("it's a dir'); DROP TABLE events; --")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let json = directory.appendingPathComponent("events.jsonl").path, csv = directory.appendingPathComponent("events.csv").path
        let parquet = directory.appendingPathComponent("events.parquet").path
        try Data(jsonLines.utf8).write(to: URL(fileURLWithPath: json))
        try Data(Self.csv(fromJSONLines: jsonLines).utf8).write(to: URL(fileURLWithPath: csv))
        let fromFile = try DataCollection(kind: .events, paths: [json]).summary(for: spec)
        let fromCSVFile = try DataCollection(kind: .events, paths: [csv]).summary(for: spec)
        Self.expectEqual(fromFile, fromCSVFile)

        // Parquet written by Spark from the JSON lines, with typed columns: a TIMESTAMP, doubles, integers.
        let engine = try await WarehouseConnector.connect(url)
        let spark = engine.dialect
        try await engine.execute("CREATE OR REPLACE TEMPORARY VIEW typed_json USING json OPTIONS (path \(spark.literal(.text(json))))", [])
        let columns = try await engine.columns(of: "typed_json").map { column in
            column.name == "timestamp" ? "CAST(`timestamp` AS TIMESTAMP) AS `timestamp`" : spark.quoteIdentifier(column.name)
        }
        try await engine.execute(
            "INSERT OVERWRITE DIRECTORY \(spark.literal(.text(parquet))) USING parquet SELECT \(columns.joined(separator: ", ")) FROM typed_json", [])
        #expect(try await engine.columns(of: "typed_json").contains { $0.name == "amount" && $0.kind == .number })
        await engine.close()

        for (path, format, expected) in [(json, EventFileFormat.json, fromFile), (csv, .csv, fromCSVFile), (parquet, .parquet, fromFile)] {
            let table = WarehouseTable(events: WarehouseTable.fileView, properties: nil, files: EventFiles(path: path, format: format))
            let source = WarehouseSource(url: url, table: table)
            let summary = try await source.summary(for: spec, experimentPath: Self.welcomePath)
            Self.expectEqual(expected, summary)
            #expect(summary.data?.units == expected.data?.units && (summary.data?.units ?? 0) > 300, "\(format)")
            // analyze and gate read the summary as they read the collector's.
            let now = Date(timeIntervalSince1970: 0)
            let viaSpark = try AnalyzeRunner(experimentPath: Self.welcomePath, input: .prepared(summary, source: url), format: .json, now: now).analyze()
            let viaFile = try AnalyzeRunner(
                experimentPath: Self.welcomePath, input: .collection(DataCollection(kind: .events, paths: [json])), format: .json, now: now).analyze()
            #expect(viaSpark.decision?.verdict == viaFile.decision?.verdict && viaSpark.metrics.map(\.id) == viaFile.metrics.map(\.id), "\(format)")
        }
    }

    /// A view of `events` with the time as text: whole seconds with `Z`, milliseconds with `Z`,
    /// and milliseconds at +02:00, by the event's millisecond.
    static func textTimeView(_ engine: TestServer.Engine) -> String {
        switch engine {
        case .spark:
            """
            CREATE OR REPLACE VIEW events_text AS SELECT user_id, event, event_id, experiment, variant, properties,
              CASE WHEN unix_millis(`timestamp`) % 1000 = 0 THEN date_format(`timestamp`, "yyyy-MM-dd'T'HH:mm:ss'Z'")
                   WHEN unix_millis(`timestamp`) % 2 = 0 THEN date_format(`timestamp`, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                   ELSE date_format(`timestamp` + INTERVAL 2 HOURS, "yyyy-MM-dd'T'HH:mm:ss.SSS'+02:00'") END AS `timestamp`
              FROM events
            """
        case .postgresql:
            """
            CREATE VIEW events_text AS SELECT user_id, event, event_id, experiment, variant, properties,
              CASE WHEN CAST(FLOOR(EXTRACT(EPOCH FROM "timestamp") * 1000) AS BIGINT) % 1000 = 0
                     THEN to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                   WHEN CAST(FLOOR(EXTRACT(EPOCH FROM "timestamp") * 1000) AS BIGINT) % 2 = 0
                     THEN to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                   ELSE to_char(("timestamp" AT TIME ZONE 'UTC') + INTERVAL '2 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+02:00"') END AS "timestamp"
              FROM events
            """
        }
    }

    @Test("times stored as text (Z or +02:00, with and without milliseconds) and properties as a JSON string column, to the millisecond; a missing column is exit 65 naming its source.fields entry",
          arguments: TestServer.engines)
    func textTimes(engine: TestServer.Engine) async throws {
        let specPath = try Self.write(Self.edgeExperiment, "edge.json")
        let spec = try ExperimentFile.load(specPath)
        let events = try Self.write(Self.edgeEvents(), "edge.jsonl")
        let fromFile = try DataCollection(kind: .events, paths: [events]).summary(for: spec)
        try await TestServer.withDatabase(engine) { url in
            try await Self.loadEdgeCases(url: url, specPath: specPath, events: events)
            let warehouse = try await WarehouseConnector.connect(url)
            try await warehouse.execute(Self.textTimeView(engine), [])
            let described = try await warehouse.columns(of: "events_text")
            #expect(described.first { $0.name == "timestamp" }?.kind == .text)
            await warehouse.close()
            let source = WarehouseSource(url: url, table: WarehouseTable(events: "events_text", assignments: "assignments"))
            Self.expectEqual(fromFile, try await source.summary(for: spec))

            if engine == .postgresql {
                // Text that is no time, which PostgreSQL's cast would fail on or read as a time
                // ('now'), drops its event as the collector rejects its line: the summary is the same.
                let bad = try await WarehouseConnector.connect(url)
                try await bad.execute("""
                    CREATE VIEW events_text_bad AS SELECT * FROM events_text UNION ALL
                    SELECT 'u-bad', 'signup', NULL, NULL, NULL, NULL, t FROM (VALUES ('N/A'), ('now'), (''), ('12:30'), ('1abc'),
                      ('infinity'), ('2026-13-01T00:00:00Z'), ('1e999'), ('--5')) AS bad(t)
                    """, [])
                await bad.close()
                let badSource = WarehouseSource(url: url, table: WarehouseTable(events: "events_text_bad", assignments: "assignments"))
                Self.expectEqual(fromFile, try await badSource.summary(for: spec))
            }

            // The experiment file names a column the table lacks.
            let renamed = try Self.write(
                Self.edgeExperiment.replacingOccurrences(
                    of: #"{"id": "edge","#, with: #"{"id": "edge", "source": {"fields": {"timestamp": "ts"}},"#), "renamed.json")
            let missing = try await TestServer.onThread {
                Result { try WarehouseSource(url: url, table: WarehouseTable(events: "events")).summary(for: try ExperimentFile.load(renamed), experimentPath: renamed) }
            }
            #expect {
                try missing.get()
            } throws: { error in
                let error = error as? ABKitError
                return error?.exitCode == .dataError && error?.message == "events table 'events' has no column 'ts' (source.fields.timestamp in \(renamed)); "
                    + "it has: user_id, event, timestamp, event_id, experiment, variant, properties"
            }
        }
    }
}
