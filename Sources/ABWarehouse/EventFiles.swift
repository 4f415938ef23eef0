/// Event files an engine reads where they lie (Spark's file sources), instead of a table: the
/// engine puts a temporary view named ``WarehouseTable/events`` over them for the query.
public struct EventFiles: Sendable, Equatable {
    /// A file or directory the engine can read: a local path for a server on this machine, else
    /// one the cluster reads (`s3://…`, `abfss://…`, `dbfs:/…`).
    public var path: String
    /// How the files are written.
    public var format: EventFileFormat

    /// Names the files.
    public init(path: String, format: EventFileFormat) {
        self.path = path
        self.format = format
    }
}

/// The file formats an engine reads events from.
public enum EventFileFormat: String, Sendable, CaseIterable {
    /// Apache Parquet: typed columns, one per field and property.
    case parquet
    /// JSON lines, one event per line (what `abkit simulate` writes); every value is read as text.
    case json
    /// CSV with a header row naming the columns; every value is read as text.
    case csv

    /// Whether every column of such files reads as text, so their timestamps are text to parse.
    public var readsText: Bool {
        switch self {
        case .parquet: false
        case .json, .csv: true
        }
    }
}
