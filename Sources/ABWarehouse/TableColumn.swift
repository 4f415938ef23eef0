/// A column of the events relation as the engine describes it: its name, and the kind of values
/// it holds, which decides how the query reads a time or a property from it.
public struct TableColumn: Sendable, Equatable {
    /// The kinds of column the query tells apart.
    public enum Kind: Sendable, Equatable {
        /// A timestamp (with or without a zone) or a date.
        case timestamp
        /// Text: a time in it is ISO 8601 or an epoch number, as the collector reads it.
        case text
        /// A number: a time in it is epoch seconds, or milliseconds from 1e11 on.
        case number
        /// Anything else (JSON documents, structs, booleans, binary).
        case other
    }

    /// The name, as the engine spells it.
    public var name: String
    /// What it holds.
    public var kind: Kind

    /// Describes a column.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
