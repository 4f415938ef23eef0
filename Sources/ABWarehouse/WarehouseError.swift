import Foundation

/// Why a warehouse analysis or load cannot run, whatever the engine: a code to act on and a
/// message that names what failed. A struct, so new codes do not break clients that switch.
public struct WarehouseError: Error, Sendable, Equatable, LocalizedError {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The experiment cannot be expressed as a warehouse query.
        public static let unsupported = Code("unsupported")
        /// The engine answered with rows the summary cannot be built from.
        public static let badResult = Code("badResult")
        /// The engine's location (URL) is malformed or carries a password.
        public static let badLocation = Code("badLocation")
        /// A table or column name that cannot be used.
        public static let badName = Code("badName")
        /// The engine could not be reached or refused the login.
        public static let connection = Code("connection")
        /// The engine rejected a statement.
        public static let server = Code("server")
        /// The events relation lacks a column the query needs (``WarehouseError/missingColumn``).
        public static let missingColumn = Code("missingColumn")
    }

    /// What kind of failure this is.
    public var code: Code
    /// What failed, for a person.
    public var message: String
    /// For ``Code/missingColumn``: the column, the setting that names it and the columns there are.
    public var missingColumn: MissingColumn?

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The experiment cannot be expressed as a warehouse query.
    public static func unsupported(_ message: String) -> WarehouseError { WarehouseError(.unsupported, message) }
    /// The engine answered with rows the summary cannot be built from.
    public static func badResult(_ message: String) -> WarehouseError { WarehouseError(.badResult, message) }
    /// The engine's location is malformed or carries a password.
    public static func badLocation(_ message: String) -> WarehouseError { WarehouseError(.badLocation, message) }
    /// A table or column name that cannot be used.
    public static func badName(_ message: String) -> WarehouseError { WarehouseError(.badName, message) }
    /// The engine could not be reached; the message names it and says why.
    public static func connection(_ message: String) -> WarehouseError { WarehouseError(.connection, message) }
    /// The engine rejected a statement.
    public static func server(_ message: String) -> WarehouseError { WarehouseError(.server, message) }
    /// The events relation lacks a column the query needs.
    public static func missingColumn(_ missing: MissingColumn) -> WarehouseError {
        var error = WarehouseError(.missingColumn, missing.message(setting: missing.settingName))
        error.missingColumn = missing
        return error
    }

    public var errorDescription: String? {
        switch code {
        case .badResult: "warehouse: unexpected result: \(message)"
        case .connection: message
        case .badLocation: "warehouse location: \(message)"
        default: "warehouse: \(message)"
        }
    }
}
