import Foundation

/// Why an experiment file cannot be used.
public enum ExperimentSpecError: Error, Sendable, Equatable, LocalizedError {
    /// The file does not exist or cannot be read.
    case unreadable(file: String, reason: String)
    /// The file is not valid JSON.
    case invalidJSON(file: String, reason: String)
    /// The JSON does not describe a valid experiment; every problem is listed.
    case invalid(file: String, problems: [SpecProblem])

    public var errorDescription: String? {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read the file (\(reason))"
        case .invalidJSON(let file, let reason): "\(file): \(reason)"
        case .invalid(let file, let problems):
            problems.map { "\(file): \($0)" }.joined(separator: "\n")
        }
    }

    /// The problems, one line each, without the file name: for messages that name the file once
    /// (``ABKitError`` puts it before the first line).
    public var problemLines: [String] {
        switch self {
        case .unreadable(_, let reason): ["cannot read the file (\(reason))"]
        case .invalidJSON(_, let reason): [reason]
        case .invalid(_, let problems): problems.map(\.description)
        }
    }

    /// The problems, one line each, prefixed with the file name.
    public var lines: [String] { (errorDescription ?? "").split(separator: "\n").map(String.init) }
}
