import ABEvents

/// Where the events live in the warehouse and how their columns are named.
///
/// The events table has one row per event: the unit id, event name, timestamp, event id,
/// experiment and variant columns (named like the experiment file's `source.fields`, by default
/// `user_id`, `event`, `timestamp`, `event_id`, `experiment`, `variant`), and the other
/// properties either in one JSON column (`properties`, as `abkit load` creates it) or as columns
/// of their own (`properties: nil`).
public struct WarehouseTable: Sendable, Equatable {
    /// The events table, optionally schema-qualified (`analytics.events`).
    public var events: String
    /// The column names of the unit id, event, timestamp, event id, experiment and variant.
    public var columns: EventColumns
    /// The JSON column holding the other properties; nil when each property is a column.
    public var properties: String?
    /// A table of assignments (`id`, `experiment`, `variant`, as `abkit assign --format csv` writes),
    /// for units whose exposure event carries no variant.
    public var assignments: String?
    /// Files the engine reads directly, through a temporary view named `events`; nil for a table.
    public var files: EventFiles?
    /// The columns `events` has, once the engine has described it (``resolved(against:fields:)``);
    /// nil writes the query for the columns `abkit load` creates.
    public var schema: [TableColumn]?

    /// Describes a table.
    public init(
        events: String, columns: EventColumns = EventColumns(), properties: String? = "properties", assignments: String? = nil,
        files: EventFiles? = nil
    ) {
        self.events = events
        self.columns = columns
        self.properties = properties
        self.assignments = assignments
        self.files = files
    }

    /// The view an engine creates over ``files``.
    public static let fileView = "abkit_event_files"

    /// This table with the columns the engine described: each field's column is the first of its
    /// names (`columns`' name, then `fields`' other names, as the collector reads the first one
    /// an event has) that the table has, compared exactly, else ignoring case when one column alone matches. The unit, event
    /// and timestamp columns and a named properties column must exist; the event id, experiment,
    /// variant and property columns read as NULL when absent, as a missing field in the collector.
    public func resolved(against described: [TableColumn], fields: FieldNames) throws(WarehouseError) -> WarehouseTable {
        let names = described.map(\.name)
        func find(_ candidates: [String]) -> String? {
            // Every name exactly before any name ignoring case, as the list orders preference.
            for name in candidates where names.contains(name) { return name }
            for name in candidates { if let found = Self.match(name, in: described) { return found.name } }
            return nil
        }
        let relation = files.map { "event files '\($0.path)'" } ?? "events table '\(events)'"
        func column(_ field: String, _ name: String, _ aliases: [String], required: Bool) throws(WarehouseError) -> String {
            let candidates = [name] + aliases.filter { $0 != name }
            if let found = find(candidates) { return found }
            guard !required else {
                throw .missingColumn(MissingColumn(relation: relation, names: candidates, origin: .field(field), available: names))
            }
            return name
        }
        var table = self
        table.columns.user = try column("user", columns.user, fields.user, required: true)
        table.columns.event = try column("event", columns.event, fields.event, required: true)
        table.columns.timestamp = try column("timestamp", columns.timestamp, fields.timestamp, required: true)
        table.columns.eventID = try column("eventID", columns.eventID, fields.eventID, required: false)
        table.columns.experiment = try column("experiment", columns.experiment, fields.experiment, required: false)
        table.columns.variant = try column("variant", columns.variant, fields.variant, required: false)
        if let properties {
            guard let found = find([properties]) else {
                throw .missingColumn(MissingColumn(relation: relation, names: [properties], origin: .propertiesColumn, available: names))
            }
            table.properties = found
        }
        table.schema = described
        return table
    }

    /// The column called `name` (as resolved), or nil when the engine described the table without it.
    func described(_ name: String) -> TableColumn? {
        schema.flatMap { Self.match(name, in: $0) }
    }

    /// The column called `name` exactly, else the only one called so ignoring case (two that
    /// differ only in case name no column: guessing between them could read the wrong one).
    private static func match(_ name: String, in columns: [TableColumn]) -> TableColumn? {
        if let exact = columns.first(where: { $0.name == name }) { return exact }
        let folded = columns.filter { $0.name.lowercased() == name.lowercased() }
        return folded.count == 1 ? folded[0] : nil
    }

    /// Whether the table has column `name`: always, when it has not been described.
    func has(_ name: String) -> Bool {
        schema == nil || described(name) != nil
    }
}

/// The names of the events table's fixed columns.
public struct EventColumns: Sendable, Equatable {
    public var user = "user_id"
    public var event = "event"
    public var timestamp = "timestamp"
    public var eventID = "event_id"
    public var experiment = "experiment"
    public var variant = "variant"

    /// The default names.
    public init() {}

    /// The first (preferred) name of each field of `fields`, so the table is named like the data.
    public init(_ fields: FieldNames) {
        user = fields.user.first ?? user
        event = fields.event.first ?? event
        timestamp = fields.timestamp.first ?? timestamp
        eventID = fields.eventID.first ?? eventID
        experiment = fields.experiment.first ?? experiment
        variant = fields.variant.first ?? variant
    }

    /// All six, in the order `abkit load` creates them.
    public var all: [String] { [user, event, timestamp, eventID, experiment, variant] }
}

extension SQLDialect {
    /// A possibly schema-qualified name (`schema.table`), each part quoted.
    public func quoteQualified(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { quoteIdentifier(String($0)) }.joined(separator: ".")
    }
}
