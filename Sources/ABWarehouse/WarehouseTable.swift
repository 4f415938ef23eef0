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

    /// Describes a table.
    public init(events: String, columns: EventColumns = EventColumns(), properties: String? = "properties", assignments: String? = nil) {
        self.events = events
        self.columns = columns
        self.properties = properties
        self.assignments = assignments
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
