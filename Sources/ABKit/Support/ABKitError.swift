import ABEvents
import Foundation

/// An error that the `abkit` command reports to the user, with the exit code it maps to.
///
/// Messages name the file, and where it applies the line or JSON path and the field,
/// and say what was expected.
public enum ABKitError: Error, Equatable, Sendable, LocalizedError {
    /// The error of an output that cannot be written.
    public init(_ error: OutputFileError) { self = .cannotWrite(path: error.path, reason: error.reason) }

    /// The input file does not exist or cannot be read.
    case missingInput(path: String, reason: String)
    /// A server holding the input (a database) cannot be reached; `message` names it and says why.
    case unreachable(message: String)
    /// An output file the user named cannot be written.
    case cannotWrite(path: String, reason: String)
    /// The input exists but its content is invalid at `location` (a JSON path or a line number).
    case badData(path: String, location: String, message: String)
    /// The command line is inconsistent.
    case usage(String)

    /// The message: the one place that puts the file name (and the location) before it.
    public var errorDescription: String? {
        switch self {
        case let .missingInput(path, reason): return path.isEmpty ? "cannot read the input: \(reason)" : "\(path): cannot read the file: \(reason)"
        case let .unreachable(message): return message
        case let .cannotWrite(path, reason): return path.isEmpty ? "cannot write the output: \(reason)" : "\(path): cannot write: \(reason)"
        case let .badData(path, location, message):
            // Never "error: : …": each part is shown only when known.
            return [path, location, message].filter { !$0.isEmpty }.joined(separator: ": ")
        case let .usage(message): return message
        }
    }
}
