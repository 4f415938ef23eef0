import ABKit
import ABWarehouse
import Foundation
import Testing
@testable import ABCommandLine

@Suite("warehouse sources: event files need Spark, a missing column names its setting")
struct WarehouseSourceTests {
    static let welcome = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Experiments/welcome-message-timing.json").path

    @Test("--events-path on PostgreSQL is a usage error (64) before any connection; abkit sql prints Spark's view")
    func filesNeedSpark() throws {
        let files = WarehouseTable(events: WarehouseTable.fileView, properties: nil, files: EventFiles(path: "/data/events.csv", format: .csv))
        // Nothing listens on port 1: the error comes before connecting.
        let source = WarehouseSource(url: "postgres://abkit@127.0.0.1:1/db", table: files)
        #expect {
            try source.summary(for: try ExperimentFile.load(Self.welcome))
        } throws: { error in
            let error = error as? ABKitError
            return error?.exitCode == .usage && error?.message.hasPrefix("--events-path needs a Spark warehouse (--warehouse sc://HOST:PORT)") == true
        }
        let sql = SQLRunner(experimentPath: Self.welcome, table: files, dialect: .spark).run()
        #expect(sql.exitCode == .success)
        #expect(sql.standardOutput.contains(
            "CREATE OR REPLACE TEMPORARY VIEW `abkit_event_files` USING csv OPTIONS (path '/data/events.csv', header 'true', escape '\"');\n"))
        #expect(SQLRunner(experimentPath: Self.welcome, table: files, dialect: .postgresql).run().exitCode == .usage)
    }

    @Test("a missing column is bad data (65) naming the column, the experiment file's source.fields entry and the columns there are")
    func missingColumn() {
        let missing = MissingColumn(relation: "events table 'events'", names: ["ts"], origin: .field("timestamp"), available: ["user_id", "event"])
        let error = ABKitError(warehouse: WarehouseError.missingColumn(missing), url: "sc://127.0.0.1:15002", experiment: "welcome.json")
        #expect(error.exitCode == .dataError)
        #expect(error.commandLineDescription
            == "sc://127.0.0.1:15002: events table 'events' has no column 'ts' (source.fields.timestamp in welcome.json); it has: user_id, event")
        var properties = missing
        properties.origin = .propertiesColumn
        properties.names = ["properties"]
        #expect(ABKitError(warehouse: WarehouseError.missingColumn(properties), url: "sc://h:1").message
            == "events table 'events' has no column 'properties' (--properties-column; none when each property is a column); it has: user_id, event")
    }
}
