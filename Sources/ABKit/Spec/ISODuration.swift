/// An ISO 8601 duration of weeks, days, hours, minutes and seconds (`P7D`, `PT1H`, `P1DT12H`, `PT0S`).
///
/// Years and months are rejected: their length in seconds depends on the calendar.
public struct ISODuration: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The duration as written.
    public let text: String
    /// The length in seconds.
    public let seconds: Double

    /// Parses `text`; `nil` unless it is a valid duration without years or months.
    public init?(_ text: String) {
        var chars = Substring(text)
        guard chars.first == "P" else { return nil }
        chars = chars.dropFirst()
        guard !chars.isEmpty else { return nil }
        var total = 0.0
        var inTime = false
        var sawComponent = false
        var lastRank = -1
        while !chars.isEmpty {
            if chars.first == "T" {
                guard !inTime else { return nil }
                inTime = true
                chars = chars.dropFirst()
                guard !chars.isEmpty else { return nil }
                continue
            }
            let number = chars.prefix(while: { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") })
            guard !number.isEmpty, let value = Double(number.replacingOccurrences(",", ".")) else { return nil }
            chars = chars.dropFirst(number.count)
            guard let unit = chars.first else { return nil }
            chars = chars.dropFirst()
            let (rank, factor): (Int, Double)
            switch (inTime, unit) {
            case (false, "W"): (rank, factor) = (0, 604_800)
            case (false, "D"): (rank, factor) = (1, 86_400)
            case (true, "H"): (rank, factor) = (2, 3_600)
            case (true, "M"): (rank, factor) = (3, 60)
            case (true, "S"): (rank, factor) = (4, 1)
            default: return nil
            }
            guard rank > lastRank else { return nil }
            lastRank = rank
            total += value * factor
            sawComponent = true
        }
        guard sawComponent else { return nil }
        self.text = text
        self.seconds = total
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

extension Substring {
    fileprivate func replacingOccurrences(_ a: Character, _ b: Character) -> String {
        String(map { $0 == a ? b : $0 })
    }
}
