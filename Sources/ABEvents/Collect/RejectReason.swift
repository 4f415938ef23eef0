/// Why a line was rejected. The raw values appear in rejects files and summaries.
public enum RejectReason: String, Sendable, CaseIterable, Codable, Comparable {
    case invalidJSON = "invalid-json"
    case invalidCSV = "invalid-csv"
    case wrongFieldCount = "wrong-field-count"
    case invalidUTF8 = "invalid-utf8"
    case lineTooLong = "line-too-long"
    case emptyLine = "empty-line"
    case missingUser = "missing-user"
    case missingEvent = "missing-event"
    case missingTimestamp = "missing-timestamp"
    case badTimestamp = "bad-timestamp"
    case nonNumericValue = "non-numeric-value"
    case unknownVariant = "unknown-variant"
    case missingVariant = "missing-variant"
    case badBoolean = "bad-boolean"
    /// An `abkit assign` input line without an `"id"`.
    case missingID = "missing-id"
    /// An `abkit assign` input line whose id is not a non-empty string or a number, or JSON that is not an object.
    case invalidID = "invalid-id"
    /// An `abkit assign` input line whose `"attributes"` is not an object.
    case invalidAttributes = "invalid-attributes"

    public static func < (lhs: RejectReason, rhs: RejectReason) -> Bool { lhs.rawValue < rhs.rawValue }
}
