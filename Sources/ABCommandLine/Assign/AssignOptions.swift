import Foundation
import ABEvents
import ABSummary
import ABKit
/// What `abkit assign` was asked to do.
package struct AssignOptions: Sendable {
    /// Experiment files; every user is assigned in each.
    package var experimentFiles: [String]
    /// A single user id (mutually exclusive with `input`).
    package var user: String?
    /// The single user's attributes, a JSON object.
    package var attributes: String?
    /// A JSONL or plain-id file to stream, or "-" for standard input.
    package var input: String?
    /// Where records go; standard output when `nil`.
    package var output: String?
    /// JSON lines or CSV.
    package var format: AssignmentRecordWriter.Format
    /// Where malformed input lines go, as JSON lines (file, line, reason, raw).
    package var rejects: String?
    /// Whether any reject makes the run fail with exit code 65.
    package var strict: Bool
    /// A sticky-bucket store: a JSON file, SQLite for a `.sqlite`/`.db` suffix, or a `postgres://` URL. With it every
    /// experiment is evaluated with GrowthBook's sticky bucketing.
    package var stickyStore: String?
    /// The exposure time of every user (ISO 8601), from which send times are resolved; a line's
    /// `exposedAt` field takes precedence.
    package var exposedAt: String?
    /// A GrowthBook SDK payload whose feature ``feature`` is evaluated for each user, instead
    /// of experiment files.
    package var growthBookPayload: String?
    /// The feature evaluated from ``growthBookPayload``.
    package var feature: String?

    /// Creates options.
    package init(experimentFiles: [String], user: String? = nil, attributes: String? = nil, input: String? = nil,
                output: String? = nil, format: AssignmentRecordWriter.Format = .json, rejects: String? = nil,
                strict: Bool = false, stickyStore: String? = nil, exposedAt: String? = nil,
                growthBookPayload: String? = nil, feature: String? = nil) {
        self.experimentFiles = experimentFiles
        self.user = user
        self.attributes = attributes
        self.input = input
        self.output = output
        self.format = format
        self.rejects = rejects
        self.strict = strict
        self.stickyStore = stickyStore
        self.exposedAt = exposedAt
        self.growthBookPayload = growthBookPayload
        self.feature = feature
    }
}
