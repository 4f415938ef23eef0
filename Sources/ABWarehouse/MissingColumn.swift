/// A column the query needs that the events relation lacks: which one, the setting that names
/// it, and the columns there are, so the user can fix the setting or the table.
public struct MissingColumn: Sendable, Equatable {
    /// The setting that names the column.
    public enum Origin: Sendable, Equatable {
        /// The experiment file's `source.fields.<name>` (or its default names).
        case field(String)
        /// The JSON column of the other properties (``WarehouseTable/properties``).
        case propertiesColumn
    }

    /// Where the events are, as a message names them: `events table 'events'`, `event files '…'`.
    public var relation: String
    /// The names looked for, in order (the field's names, or the properties column).
    public var names: [String]
    /// The setting that names it.
    public var origin: Origin
    /// The columns the relation has, in its order.
    public var available: [String]

    /// Describes a missing column.
    public init(relation: String, names: [String], origin: Origin, available: [String]) {
        self.relation = relation
        self.names = names
        self.origin = origin
        self.available = available
    }

    /// `'ts'`, or `'timestamp', 'ts' or 'time'` when the field has several names.
    public var quotedNames: String {
        let quoted = names.map { "'\($0)'" }
        guard let last = quoted.last, quoted.count > 1 else { return quoted.first ?? "''" }
        return quoted.dropLast().joined(separator: ", ") + " or " + last
    }

    /// The message, with `setting` naming what maps to the column (`source.fields.timestamp in
    /// welcome.json`; the command line names a flag).
    public func message(setting: String) -> String {
        "\(relation) has no column \(quotedNames) (\(setting)); it has: \(available.joined(separator: ", "))"
    }

    /// The setting as the library names it.
    public var settingName: String {
        switch origin {
        case let .field(name): "source.fields.\(name)"
        case .propertiesColumn: "the properties column"
        }
    }
}
