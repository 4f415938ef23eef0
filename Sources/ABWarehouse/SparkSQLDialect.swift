import Foundation

/// Spark SQL (tested on Spark 4.0 through Spark Connect): named `:pN` parameters, backquoted
/// identifiers, a JSON text column read through a map of variants.
public struct SparkSQLDialect: SQLDialect {
    public init() {}

    public var name: String { "spark" }

    public func quoteIdentifier(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// The name of parameter `index` as a Spark Connect request binds it.
    public static func parameterName(_ index: Int) -> String { "p\(index)" }

    public func parameter(_ index: Int, _ type: SQLType) -> String {
        "CAST(:\(Self.parameterName(index)) AS \(typeName(type)))"
    }

    public func literal(_ value: SQLValue) -> String {
        switch value {
        // Spark reads backslash escapes in string literals: escape the backslash, then the quote.
        // NUL is dropped, as the PostgreSQL dialect drops it, so both engines see the same text.
        case let .text(s):
            "'" + s.replacingOccurrences(of: "\0", with: "").replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "'", with: "\\'") + "'"
        case let .bigint(n): "CAST(\(n) AS BIGINT)"
        // A bare 0.95 is a DECIMAL in Spark: the text form keeps the double exact and typed.
        case let .double(x): "CAST('\(x.isFinite ? "\(x)" : x > 0 ? "Infinity" : x < 0 ? "-Infinity" : "NaN")' AS DOUBLE)"
        }
    }

    public func typeName(_ type: SQLType) -> String {
        switch type {
        case .text: "STRING"
        case .bigint: "BIGINT"
        case .double: "DOUBLE"
        }
    }

    public func epochMilliseconds(_ timestamp: String) -> String {
        // Floor, not truncation, so times before 1970 fall on the same millisecond as in the collector.
        "((unix_micros(\(timestamp)) - pmod(unix_micros(\(timestamp)), 1000)) DIV 1000)"
    }

    public var eventsTableTypes: (timestamp: String, properties: String) { ("TIMESTAMP", "STRING") }

    public func matches(_ text: String, _ pattern: String) -> String { "(\(text) RLIKE '\(pattern)')" }

    public func replacing(_ text: String, _ pattern: String, _ replacement: String) -> String {
        "regexp_replace(\(text), '\(pattern)', '\(replacement)')"
    }

    public func castCheckedText(_ text: String, to type: CheckedTextType) -> String {
        // try_cast all the same: a checked form that names no real time (February 30) is NULL.
        switch type {
        case .double: "try_cast(\(text) AS DOUBLE)"
        case .timestamp: "try_cast(\(text) AS TIMESTAMP)"
        }
    }

    public func roundedToBigint(_ double: String) -> String {
        // Spark's round on a double rounds half up (away from zero), as Swift's rounded() does.
        "CAST(round(\(double)) AS BIGINT)"
    }

    /// A file-source view: JSON with every value as text (as the collector reads numbers from their
    /// text, and so times are parsed like the collector's), CSV with its header and text columns
    /// (quotes doubled inside quoted fields, RFC 4180), Parquet with its own types.
    public func fileView(_ name: String, files: EventFiles) -> String? {
        var options = [("path", files.path)]
        switch files.format {
        case .parquet: break
        case .json: options.append(("primitivesAsString", "true"))
        case .csv: options += [("header", "true"), ("escape", "\"")]
        }
        let list = options.map { "\($0.0) \(literal(.text($0.1)))" }.joined(separator: ", ")
        return "CREATE OR REPLACE TEMPORARY VIEW \(quoteIdentifier(name)) USING \(files.format.rawValue) OPTIONS (\(list))"
    }

    public func columnKind(ofType type: String) -> TableColumn.Kind {
        let type = type.lowercased()
        if type.hasPrefix("timestamp") || type == "date" { return .timestamp }
        if type == "string" || type.hasPrefix("varchar") || type.hasPrefix("char") { return .text }
        if ["tinyint", "smallint", "int", "bigint", "float", "double"].contains(type) || type.hasPrefix("decimal") { return .number }
        return .other
    }

    public func jsonMemberText(_ column: String, key: String) -> String {
        // A map of variants keeps each member's JSON type: objects, arrays and null read as NULL
        // (as PostgreSQL's ->> on a jsonb scalar check), strings without their quotes.
        let member = "from_json(\(column), 'map<string,variant>')[\(key)]"
        return "(CASE WHEN schema_of_variant(\(member)) LIKE 'OBJECT%' OR schema_of_variant(\(member)) LIKE 'ARRAY%' "
            + "OR schema_of_variant(\(member)) = 'VOID' THEN NULL ELSE CAST(\(member) AS STRING) END)"
    }

    public func quantile(_ expression: String, _ q: String) -> String {
        // Exact, with linear interpolation between order statistics (numpy's default).
        "percentile(\(expression), \(q))"
    }

    public func orderedSum(_ expression: String, orderBy: String) -> String {
        // Spark's SUM has no ORDER BY: collect the values with their sort keys, sort, then add in
        // that order. Struct fields sort ascending with nulls first, as `orderBy` asks.
        let keys = orderBy.split(separator: ",").map {
            $0.replacingOccurrences(of: "NULLS FIRST", with: "").trimmingCharacters(in: .whitespaces)
        }
        let fields = keys.enumerated().map { "\($0.element) AS k\($0.offset)" }.joined(separator: ", ")
        let sorted = "array_sort(collect_list(struct(\(fields), \(expression) AS x)))"
        // SUM of no non-null value is NULL; keep that, so COALESCE around it behaves the same.
        return "(CASE WHEN COUNT(\(expression)) = 0 THEN CAST(NULL AS DOUBLE) "
            + "ELSE aggregate(\(sorted), CAST(0 AS DOUBLE), (total, e) -> total + coalesce(e.x, CAST(0 AS DOUBLE))) END)"
    }

    public func minutesRoundedUp(_ milliseconds: String) -> String {
        "((\(milliseconds) + 59999) DIV 60000)"
    }

    public func binaryOrder(_ expression: String) -> String {
        // Spark compares strings by their UTF-8 bytes (collation UTF8_BINARY, the default).
        expression
    }

    public func utcDay(ofMilliseconds milliseconds: String) -> String {
        "((\(milliseconds) - pmod(\(milliseconds), 86400000)) DIV 86400000)"
    }

    public func utcHourLabel(ofMilliseconds milliseconds: String) -> String {
        "lpad(CAST(pmod(\(milliseconds), 86400000) DIV 3600000 AS STRING), 2, '0')"
    }

    /// Times are read and written in UTC, whatever the server's zone.
    public var sessionSettings: [String] { ["SET spark.sql.session.timeZone = UTC"] }
}
