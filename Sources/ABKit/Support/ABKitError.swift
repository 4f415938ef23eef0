import ABEvents
import Foundation

/// An error that ABKit reports to its user: a code to act on (the `abkit` command maps each to an
/// exit code) and the file, location and message.
///
/// Messages name the file, and where it applies the line or JSON path and the field, and say
/// what was expected. A struct, so new codes do not break clients that switch over them.
public struct ABKitError: Error, Equatable, Sendable, LocalizedError {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The input file does not exist or cannot be read.
        public static let missingInput = Code("missingInput")
        /// A server holding the input (a database) cannot be reached.
        public static let unreachable = Code("unreachable")
        /// An output file the user named cannot be written.
        public static let cannotWrite = Code("cannotWrite")
        /// The input exists but its content is invalid at a location (a JSON path or a line number).
        public static let badData = Code("badData")
        /// The request is inconsistent: options, settings or a combination ABKit cannot honour.
        public static let usage = Code("usage")
    }

    /// What kind of failure this is.
    public var code: Code
    /// The file (or database) concerned; empty when none.
    public var path: String
    /// Where in it: a JSON path or a line number; empty when not known.
    public var location: String
    /// What was expected, and the value as given.
    public var message: String
    /// The setting at fault, as the API names it (`alpha`, `dirtyRate`), for a value the caller chose.
    public var setting: String?

    /// Creates an error.
    public init(_ code: Code, path: String = "", location: String = "", message: String) {
        self.code = code
        self.path = path
        self.location = location
        self.message = message
    }

    /// The input file does not exist or cannot be read.
    public static func missingInput(path: String, reason: String) -> ABKitError { ABKitError(.missingInput, path: path, message: reason) }
    /// A server holding the input (a database) cannot be reached; `message` names it and says why.
    public static func unreachable(message: String) -> ABKitError { ABKitError(.unreachable, message: message) }
    /// An output file the user named cannot be written.
    public static func cannotWrite(path: String, reason: String) -> ABKitError { ABKitError(.cannotWrite, path: path, message: reason) }
    /// The input exists but its content is invalid at `location` (a JSON path or a line number).
    public static func badData(path: String, location: String, message: String) -> ABKitError {
        ABKitError(.badData, path: path, location: location, message: message)
    }
    /// The request is inconsistent.
    public static func usage(_ message: String) -> ABKitError { ABKitError(.usage, message: message) }
    /// A setting the caller chose is out of range: `message` continues its name ("must be …").
    public static func invalidSetting(_ setting: String, _ message: String) -> ABKitError {
        var error = ABKitError(.usage, message: message)
        error.setting = setting
        return error
    }

    /// The error of an output that cannot be written.
    public init(_ error: OutputFileError) { self = .cannotWrite(path: error.path, reason: error.reason) }

    /// The message: the one place that puts the file name (and the location) before it.
    public var errorDescription: String? {
        switch code {
        case .missingInput: path.isEmpty ? "cannot read the input: \(message)" : "\(path): cannot read the file: \(message)"
        case .cannotWrite: path.isEmpty ? "cannot write the output: \(message)" : "\(path): cannot write: \(message)"
        // Never "error: : …": each part is shown only when known.
        default: [path, location, setting.map { "\($0) \(message)" } ?? message].filter { !$0.isEmpty }.joined(separator: ": ")
        }
    }
}
