import ABEvents
import Testing
@testable import ABWarehouse

@Suite("the events relation described: columns found by the collector's field names, missing ones named")
struct WarehouseTableTests {
    static let plan = CollectorPlan(
        experiment: "e", variants: ["a", "b"], exposureEvent: "signup",
        metrics: [MetricPlan(id: "s", kind: .sum(event: "buy", value: "amount"))], dimensions: ["country"])

    static func columns(_ names: [(String, TableColumn.Kind)]) -> [TableColumn] {
        names.map { TableColumn(name: $0.0, kind: $0.1) }
    }

    @Test("a field's column is the first of its names the table has, exactly or else ignoring case; absent optional fields and properties read NULL")
    func resolution() throws {
        let described = Self.columns([("USER_ID", .text), ("event", .text), ("ts", .text), ("variant", .text), ("amount", .number)])
        let table = try WarehouseTable(events: "raw", properties: nil).resolved(against: described, fields: FieldNames())
        #expect(table.columns.user == "USER_ID" && table.columns.timestamp == "ts" && table.columns.variant == "variant")
        let query = try SummaryQuery.make(plan: Self.plan, table: table, dialect: SparkSQLDialect())
        #expect(query.text.contains("e.`USER_ID`"))
        #expect(query.text.contains("try_cast(e.`ts` AS DOUBLE)"), "a text time is parsed as the collector parses it")
        #expect(query.text.contains("CAST(e.`amount` AS STRING)"))
        #expect(!query.text.contains("e.`experiment`") && !query.text.contains("e.`country`"), "absent columns are NULL, as missing fields")
        #expect(!query.text.contains("e.`ts` IS NOT NULL"), "a text time is tested once parsed")

        let numeric = try WarehouseTable(events: "raw", properties: nil)
            .resolved(against: Self.columns([("user_id", .text), ("event", .text), ("timestamp", .number)]), fields: FieldNames())
        let epoch = try SummaryQuery.make(plan: Self.plan, table: numeric, dialect: PostgreSQLDialect())
        #expect(epoch.text.contains("ABS(e.\"timestamp\") >= 1e11"))
        // Not described (`abkit sql`): abkit load's table, a timestamp column.
        let plain = try SummaryQuery.make(plan: Self.plan, table: WarehouseTable(events: "events"), dialect: SparkSQLDialect())
        #expect(plain.text.contains("unix_micros(e.`timestamp`)") && plain.text.contains("e.`timestamp` IS NOT NULL"))
    }

    @Test("two columns that differ only in case name neither, for fields and properties alike; an exact name still wins")
    func ambiguousCase() throws {
        let described = Self.columns([("user_id", .text), ("event", .text), ("timestamp", .timestamp),
                                      ("Country", .text), ("COUNTRY", .text), ("amount", .number), ("Amount", .number)])
        let table = try WarehouseTable(events: "raw", properties: nil).resolved(against: described, fields: FieldNames())
        #expect(table.described("country") == nil && !table.has("country"))
        #expect(table.described("amount")?.name == "amount" && table.described("AMOUNT") == nil)
        let query = try SummaryQuery.make(plan: Self.plan, table: table, dialect: SparkSQLDialect())
        #expect(!query.text.contains("`Country`") && !query.text.contains("`COUNTRY`"), "an ambiguous property reads NULL")
    }

    @Test("a missing column names the field's names, its source.fields entry and the columns there are")
    func missing() throws {
        var fields = FieldNames()
        try fields.override("timestamp", with: "ts")
        let described = Self.columns([("user_id", .text), ("event", .text), ("timestamp", .timestamp), ("properties", .text)])
        var table = WarehouseTable(events: "events")
        table.columns = EventColumns(fields)
        #expect {
            try table.resolved(against: described, fields: fields)
        } throws: { error in
            let error = error as? WarehouseError
            return error?.code == .missingColumn && error?.missingColumn?.origin == .field("timestamp")
                && error?.message == "events table 'events' has no column 'ts' (source.fields.timestamp); it has: user_id, event, timestamp, properties"
        }
        let files = WarehouseTable(events: WarehouseTable.fileView, files: EventFiles(path: "/data/events.jsonl", format: .json))
        #expect {
            try files.resolved(against: Self.columns([("uid", .text)]), fields: FieldNames())
        } throws: { error in
            (error as? WarehouseError)?.message == "event files '/data/events.jsonl' has no column 'user_id', 'userId' or 'id' (source.fields.user); it has: uid"
        }
        #expect {
            try WarehouseTable(events: "t").resolved(against: Array(described.prefix(3)), fields: FieldNames())
        } throws: { error in
            (error as? WarehouseError)?.missingColumn?.origin == .propertiesColumn
        }
    }

    @Test("file views: the path is one quoted literal whatever it holds; PostgreSQL reads no files")
    func fileViews() throws {
        let spark = SparkSQLDialect()
        let path = "/tmp/it's \\ here'); DROP TABLE events; --/e.csv"
        let view = try #require(spark.fileView("v", files: EventFiles(path: path, format: .csv)))
        #expect(view == #"CREATE OR REPLACE TEMPORARY VIEW `v` USING csv OPTIONS (path '/tmp/it\'s \\ here\'); DROP TABLE events; --/e.csv', header 'true', escape '"')"#)
        #expect(spark.fileView("v", files: EventFiles(path: "p", format: .json))!.hasSuffix("USING json OPTIONS (path 'p', primitivesAsString 'true')"))
        #expect(spark.fileView("v", files: EventFiles(path: "p", format: .parquet))!.hasSuffix("USING parquet OPTIONS (path 'p')"))
        #expect(PostgreSQLDialect().fileView("v", files: EventFiles(path: "p", format: .json)) == nil)
        #expect(spark.columnKind(ofType: "timestamp_ntz") == .timestamp && spark.columnKind(ofType: "decimal(10,2)") == .number)
        #expect(PostgreSQLDialect().columnKind(ofType: "timestamp with time zone") == .timestamp)
        #expect(PostgreSQLDialect().columnKind(ofType: "character varying(20)") == .text && PostgreSQLDialect().columnKind(ofType: "jsonb") == .other)
    }
}
