import ABEvents
import Foundation

/// Exposure timestamps as `abkit assign` reads them (`--exposed-at`, a line's `exposedAt`) and
/// send times as records carry them: ISO 8601, written in UTC.
package enum ExposureTime {
    /// An ISO 8601 timestamp with a zone (`2026-03-01T08:30:00Z`, `2026-03-01T09:30:00+01:00`,
    /// fractional seconds allowed); `nil` for anything else, a bare local time included, since
    /// it would name a different instant on every machine.
    package static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// What `--exposed-at` and `exposedAt` accept, for error messages.
    package static let expected = "an ISO 8601 timestamp with a zone, such as 2026-03-01T08:30:00Z"

    /// `date` in UTC as `yyyy-MM-ddTHH:mm:ssZ` (the collector's ``UTCTime``), with milliseconds
    /// only when it has a fraction (a fractional `delay`).
    package static func utcString(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds - 1) / 1000) - 1
        let whole = UTCTime.iso8601(seconds: Int(seconds))
        let fraction = milliseconds - seconds * 1000
        guard fraction > 0 else { return whole }
        return String(whole.dropLast()) + "." + String(String(fraction + 1000).dropFirst()) + "Z"
    }
}
