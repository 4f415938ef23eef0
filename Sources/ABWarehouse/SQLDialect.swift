/// The pieces of SQL that differ between engines; everything else ``SummaryQuery`` writes is
/// portable ANSI (CTEs, CASE, GROUP BY GROUPING SETS, ROW_NUMBER() OVER).
///
/// A new engine (ClickHouse, BigQuery, Snowflake, Trino, DuckDB) is one more conformance.
public protocol SQLDialect: Sendable {
    /// The engine's name, as `abkit sql --dialect` spells it.
    var name: String { get }
    /// `name` as a quoted identifier, safe whatever it holds.
    func quoteIdentifier(_ name: String) -> String
    /// A bound parameter (1-based) of `type`, typed explicitly so the engine never has to guess.
    func parameter(_ index: Int, _ type: SQLType) -> String
    /// `value` as a literal, for SQL printed with its values inlined.
    func literal(_ value: SQLValue) -> String
    /// The name of `type` in CAST.
    func typeName(_ type: SQLType) -> String
    /// The column types of `abkit load`'s events table: an instant, and the JSON properties.
    var eventsTableTypes: (timestamp: String, properties: String) { get }
    /// Whole milliseconds since 1970-01-01T00:00:00Z of a timestamp expression, as a 64-bit integer.
    func epochMilliseconds(_ timestamp: String) -> String
    /// Whether text expression `text` matches the POSIX regular expression `pattern` (a boolean).
    func matches(_ text: String, _ pattern: String) -> String
    /// `text` with the match of the anchored `pattern` replaced by `replacement`, whose groups are
    /// written `$1`, `$2`.
    func replacing(_ text: String, _ pattern: String, _ replacement: String) -> String
    /// Text already checked to be a number or an ISO 8601 time of the collector's forms, cast to
    /// DOUBLE or to a timestamp (UTC without an offset).
    func castCheckedText(_ text: String, to type: CheckedTextType) -> String
    /// A double expression rounded half away from zero (as Swift's `rounded()`), as a 64-bit integer.
    func roundedToBigint(_ double: String) -> String
    /// The statement that creates (or replaces) the temporary view `name` over `files`, or nil when
    /// the engine reads tables only.
    func fileView(_ name: String, files: EventFiles) -> String?
    /// The kind of column the engine's type name (as it describes a table) is.
    func columnKind(ofType type: String) -> TableColumn.Kind
    /// The text of member `key` (an expression) of a JSON column; NULL when absent, null, an object or an array.
    func jsonMemberText(_ column: String, key: String) -> String
    /// An aggregate: the `q` quantile (an expression) of `expression` with linear interpolation between
    /// order statistics (numpy's default; SQL's PERCENTILE_CONT).
    func quantile(_ expression: String, _ q: String) -> String
    /// An aggregate: the SUM of `expression` added in the order of `orderBy`, so that a per-unit sum
    /// of floating-point values is bit-identical to the collector's, which adds in time order.
    func orderedSum(_ expression: String, orderBy: String) -> String
    /// Whole minutes of a non-negative millisecond count, rounded up.
    func minutesRoundedUp(_ milliseconds: String) -> String
    /// `expression` for ORDER BY in byte (code point) order, whatever the database's collation.
    func binaryOrder(_ expression: String) -> String
    /// The UTC day number (days since 1970-01-01, floored, so times before 1970 work too) of a
    /// millisecond count since the epoch, as a 64-bit integer.
    func utcDay(ofMilliseconds milliseconds: String) -> String
    /// The UTC hour of day of a millisecond count since the epoch as two-digit text, `00` to `23`.
    func utcHourLabel(ofMilliseconds milliseconds: String) -> String
    /// Statements to run in the session before the query (planner settings).
    var sessionSettings: [String] { get }
}

/// The SQL types the generated queries bind and return.
public enum SQLType: String, Sendable, Equatable {
    case text, bigint, double
}

/// A value bound to a query parameter.
public enum SQLValue: Sendable, Equatable {
    case text(String)
    case bigint(Int64)
    case double(Double)

    /// The parameter's type.
    public var type: SQLType {
        switch self {
        case .text: .text
        case .bigint: .bigint
        case .double: .double
        }
    }
}

/// PostgreSQL (tested on 15): `$n` parameters, `"..."` identifiers, `->>` on a jsonb column.
public struct PostgreSQLDialect: SQLDialect {
    public init() {}

    public var name: String { "postgresql" }

    public func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func parameter(_ index: Int, _ type: SQLType) -> String {
        "CAST($\(index) AS \(typeName(type)))"
    }

    public func literal(_ value: SQLValue) -> String {
        switch value {
        // Standard-conforming strings (the default since 9.1): only the quote needs doubling; a
        // NUL cannot be stored in text at all, so it is dropped rather than ending the string.
        case let .text(s): "'" + s.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\0", with: "") + "'"
        case let .bigint(n): String(n)
        case let .double(x): x.isFinite ? "\(x)" : "'\(x > 0 ? "Infinity" : x < 0 ? "-Infinity" : "NaN")'"
        }
    }

    public func typeName(_ type: SQLType) -> String {
        switch type {
        case .text: "TEXT"
        case .bigint: "BIGINT"
        case .double: "DOUBLE PRECISION"
        }
    }

    public func epochMilliseconds(_ timestamp: String) -> String {
        // EXTRACT returns numeric since PostgreSQL 14: exact to the microsecond.
        "CAST(FLOOR(EXTRACT(EPOCH FROM \(timestamp)) * 1000) AS BIGINT)"
    }

    public var eventsTableTypes: (timestamp: String, properties: String) { ("TIMESTAMPTZ", "JSONB") }

    public func matches(_ text: String, _ pattern: String) -> String { "(\(text) ~ '\(pattern)')" }

    public func replacing(_ text: String, _ pattern: String, _ replacement: String) -> String {
        // PostgreSQL writes groups \1; without the 'g' flag only the (anchored) first match is replaced.
        "regexp_replace(\(text), '\(pattern)', '\(replacement.replacingOccurrences(of: "$", with: "\\"))')"
    }

    public func castCheckedText(_ text: String, to type: CheckedTextType) -> String {
        // Checked first: PostgreSQL's casts fail the whole query on text they cannot read.
        switch type {
        case .double: "CAST(\(text) AS DOUBLE PRECISION)"
        case .timestamp: "CAST(\(text) AS TIMESTAMPTZ)"
        }
    }

    public func roundedToBigint(_ double: String) -> String {
        // ROUND on numeric rounds half away from zero (on a double it rounds half to even).
        "CAST(ROUND(CAST(\(double) AS NUMERIC)) AS BIGINT)"
    }

    /// PostgreSQL reads tables only.
    public func fileView(_ name: String, files: EventFiles) -> String? { nil }

    public func columnKind(ofType type: String) -> TableColumn.Kind {
        let type = type.lowercased()
        if type.hasPrefix("timestamp") || type == "date" { return .timestamp }
        if type == "text" || type.hasPrefix("character") { return .text }
        if ["bigint", "integer", "smallint", "double precision", "real"].contains(type) || type.hasPrefix("numeric") { return .number }
        return .other
    }

    public func jsonMemberText(_ column: String, key: String) -> String {
        "(CASE WHEN jsonb_typeof(\(column) -> \(key)) IN ('object', 'array') THEN NULL ELSE \(column) ->> \(key) END)"
    }

    public func quantile(_ expression: String, _ q: String) -> String {
        "PERCENTILE_CONT(\(q)) WITHIN GROUP (ORDER BY \(expression))"
    }

    public func orderedSum(_ expression: String, orderBy: String) -> String {
        // SUM(float8) adds left to right from the first non-null value, in ORDER BY order when given.
        "SUM(\(expression) ORDER BY \(orderBy))"
    }

    public func minutesRoundedUp(_ milliseconds: String) -> String {
        "((\(milliseconds) + 59999) / 60000)"
    }

    public func binaryOrder(_ expression: String) -> String {
        "\(expression) COLLATE \"C\""
    }

    public func utcDay(ofMilliseconds milliseconds: String) -> String {
        // Integer arithmetic throughout: subtracting the non-negative remainder leaves an exact
        // multiple of a day, so the division floors as the collector's UTCDay does.
        "((\(milliseconds) - MOD(MOD(\(milliseconds), 86400000) + 86400000, 86400000)) / 86400000)"
    }

    public func utcHourLabel(ofMilliseconds milliseconds: String) -> String {
        "LPAD(CAST(MOD(MOD(\(milliseconds), 86400000) + 86400000, 86400000) / 3600000 AS TEXT), 2, '0')"
    }

    /// The planner cannot estimate the rows of grouped CTEs and takes them for one: nested loops
    /// over them are quadratic, where every join here is an equi-join on the unit that hashes well;
    /// and the query's many expressions make JIT compilation cost seconds for milliseconds of work.
    // standard_conforming_strings: `literal` doubles only the quote, which is right only with it on
    // (the default since 9.1; set so a server configured otherwise cannot misread an inlined value).
    // TimeZone UTC: a time stored as text without an offset is UTC, as in the collector.
    public var sessionSettings: [String] {
        ["SET standard_conforming_strings = on", "SET enable_nestloop = off", "SET jit = off", "SET TIME ZONE 'UTC'"]
    }
}

/// What ``SQLDialect/castCheckedText(_:to:)`` casts to.
public enum CheckedTextType: Sendable {
    /// An epoch number.
    case double
    /// An ISO 8601 time.
    case timestamp
}

extension SQLDialect {
    /// The statement that creates `abkit load`'s events table `table` when missing.
    public func createEventsTable(_ table: String, columns c: EventColumns) -> String {
        let q = quoteIdentifier, text = typeName(.text), types = eventsTableTypes
        return """
            CREATE TABLE IF NOT EXISTS \(quoteQualified(table)) (
              \(q(c.user)) \(text) NOT NULL, \(q(c.event)) \(text) NOT NULL, \(q(c.timestamp)) \(types.timestamp) NOT NULL,
              \(q(c.eventID)) \(text), \(q(c.experiment)) \(text), \(q(c.variant)) \(text), \(q("properties")) \(types.properties))
            """
    }

    /// The milliseconds of a numeric expression read as the collector reads an epoch number:
    /// seconds, or milliseconds when the magnitude is 1e11 or more; rounded half away from zero;
    /// NULL beyond ±1e16 ms, which the collector rejects too.
    public func epochMilliseconds(ofNumber number: String) -> String {
        let double = "CAST(\(number) AS \(typeName(.double)))"
        let ms = "(CASE WHEN ABS(\(number)) >= 1e11 THEN \(double) ELSE \(double) * 1000 END)"
        return "(CASE WHEN ABS(\(ms)) < 1e16 THEN \(roundedToBigint(ms)) END)"
    }

    /// The milliseconds of a text expression read as the collector reads a time (ABEvents
    /// `TimestampParsing`): an ISO 8601 date or date-time (`T` or a space, either case; `Z`,
    /// `±hh:mm`, `±hhmm`, `±hh` or no offset, which is UTC; seconds optional, a leap second as the
    /// minute's last, fractional seconds after a point or a comma, truncated to the millisecond),
    /// or an epoch number; NULL when it is neither, as the collector rejects such a line. Written
    /// once for every engine: each gives only its regular-expression and cast syntax.
    public func epochMilliseconds(ofText text: String) -> String {
        let upper = "upper(\(text))"
        // An epoch number as the collector tells one from a date: under 20 characters, starting
        // with a digit or '-', not YYYY-MM-...
        let looksNumeric = "\(matches(text, "^-?[0-9]")) AND length(\(text)) < 20 AND NOT \(matches(text, "^.{4}-.{2}-"))"
        let number = "^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]{1,2})?$"
        let date = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
            + "([T ]([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.,][0-9]+)?)?(Z|[-+][0-9]{2}(:?[0-9]{2})?)?)?$"
        // The forms every engine's cast reads: seconds when missing, a leap second as :59, a point.
        let minute = "^([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2})"
        var iso = replacing(upper, minute + "(Z|[-+]|$)", "$1:00$2")
        iso = replacing(iso, minute + ":60", "$1:59")
        iso = replacing(iso, minute + "(:[0-9]{2}),", "$1$2.")
        return "(CASE WHEN \(looksNumeric) THEN (CASE WHEN \(matches(text, number)) "
            + "THEN \(epochMilliseconds(ofNumber: castCheckedText(text, to: .double))) END) "
            + "WHEN \(matches(upper, date)) THEN \(epochMilliseconds(castCheckedText(iso, to: .timestamp))) END)"
    }
}
