import ABAssign

/// An ISO 8601 duration of weeks, days, hours, minutes and seconds (`P7D`, `PT1H`, `P1DT12H`, `PT0S`).
///
/// Years and months are rejected: their length in seconds depends on the calendar.
public struct ISODuration: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The duration as written.
    public let text: String
    /// The length in seconds.
    public let seconds: Double

    /// Parses `text`; `nil` unless it is a valid duration without years or months. The rule is
    /// the one send times use (``SendTime/isoDurationSeconds(_:)``), so a window and a message
    /// delay read the same text the same way.
    public init?(_ text: String) {
        guard let seconds = SendTime.isoDurationSeconds(text) else { return nil }
        self.text = text
        self.seconds = seconds
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = ISODuration(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "expected an ISO 8601 duration such as \"P7D\" or \"PT1H\", got \"\(text)\""))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
