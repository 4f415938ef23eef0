import Foundation
import ABEvents
import ABSummary
import ABKit
/// What `abkit assign` was asked to do.
public struct AssignOptions: Sendable {
    /// Experiment files; every user is assigned in each.
    public var experimentFiles: [String]
    /// A single user id (mutually exclusive with `input`).
    public var user: String?
    /// The single user's attributes, a JSON object.
    public var attributes: String?
    /// A JSONL or plain-id file to stream, or "-" for standard input.
    public var input: String?
    /// Where records go; standard output when `nil`.
    public var output: String?
    /// JSON lines or CSV.
    public var format: AssignmentRecordWriter.Format
    /// Where malformed input lines go, as JSON lines (file, line, reason, raw).
    public var rejects: String?
    /// Whether any reject makes the run fail with exit code 65.
    public var strict: Bool

    /// Creates options.
    public init(experimentFiles: [String], user: String? = nil, attributes: String? = nil, input: String? = nil,
                output: String? = nil, format: AssignmentRecordWriter.Format = .json, rejects: String? = nil,
                strict: Bool = false) {
        self.experimentFiles = experimentFiles
        self.user = user
        self.attributes = attributes
        self.input = input
        self.output = output
        self.format = format
        self.rejects = rejects
        self.strict = strict
    }
}
