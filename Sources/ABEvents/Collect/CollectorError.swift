import Foundation

/// Errors that stop a collection: the input cannot be read, or the plan cannot be followed.
/// Bad lines never throw; they are rejected and counted.
public enum CollectorError: Error, Sendable, Equatable, LocalizedError {
    /// The input file does not exist.
    case missingInput(path: String)
    /// The input exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// An output (the rejects file) cannot be written.
    case unwritable(path: String, reason: String)
    /// The plan asks for something the data cannot give (e.g. a user table without a variant column).
    case badInput(path: String, line: Int, field: String?, message: String)
    /// The plan is inconsistent.
    case badPlan(String)
    /// `--strict` and at least one line was rejected.
    case strictRejects(count: Int, firstFile: String, firstLine: Int, firstReason: String)

    public var errorDescription: String? {
        switch self {
        case let .missingInput(path): "\(path): no such file"
        case let .unreadable(path, reason): "\(path): cannot read: \(reason)"
        case let .unwritable(path, reason): "\(path): cannot write: \(reason)"
        case let .badInput(path, line, field, message):
            "\(path):\(line)\(field.map { ": field '\($0)'" } ?? ""): \(message)"
        case let .badPlan(message): "collector: \(message)"
        case let .strictRejects(count, file, line, reason):
            "\(count) line\(count == 1 ? "" : "s") rejected (--strict); the first: \(file):\(line): \(reason)"
        }
    }
}
