import Foundation

/// How often a periodic global holdout is drawn again.
///
/// Each calendar period (in UTC) salts the holdout's hash seed with the period's label, so every
/// period holds out an independent share of users and nobody is kept from messaging for longer
/// than one period. A user's period is the one holding their exposure time.
public enum RedrawPeriod: String, Sendable, Hashable, CaseIterable, Codable {
    /// ISO weeks: Monday to Sunday, labelled by the year of their Thursday (`2027-W05`).
    case week
    /// Calendar months (`2027-03`).
    case month
    /// Calendar quarters (`2027-Q1`).
    case quarter
    /// Calendar years (`2027`).
    case year

    private static let millisecondsPerDay: Int64 = 86_400_000

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static let isoWeeks: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The period holding the UTC day `day` (days since 1970-01-01), numbered so that consecutive
    /// periods differ by one.
    public func index(ofDay day: Int64) -> Int {
        if self == .week {
            // 1970-01-01 was a Thursday: weeks start 3 days earlier, on Monday 1969-12-29.
            let shifted = day + 3
            return Int(shifted >= 0 ? shifted / 7 : -((-shifted - 1) / 7) - 1)
        }
        let date = Date(timeIntervalSince1970: Double(day) * 86_400)
        let parts = Self.utc.dateComponents([.year, .month], from: date)
        let year = parts.year!, month = parts.month!
        switch self {
        case .week: preconditionFailure("handled above")
        case .month: return year * 12 + month - 1
        case .quarter: return year * 4 + (month - 1) / 3
        case .year: return year
        }
    }

    /// The period holding `milliseconds` since the epoch.
    public func index(atMilliseconds milliseconds: Int64) -> Int {
        let day = milliseconds >= 0 ? milliseconds / Self.millisecondsPerDay : -((-milliseconds - 1) / Self.millisecondsPerDay) - 1
        return index(ofDay: day)
    }

    /// The first instant of period `index`, in milliseconds since the epoch.
    public func startMilliseconds(ofIndex index: Int) -> Int64 {
        let components: DateComponents
        switch self {
        case .week: return (Int64(index) * 7 - 3) * Self.millisecondsPerDay
        case .month: components = DateComponents(year: Self.floorDiv(index, 12), month: Self.floorMod(index, 12) + 1, day: 1)
        case .quarter: components = DateComponents(year: Self.floorDiv(index, 4), month: Self.floorMod(index, 4) * 3 + 1, day: 1)
        case .year: components = DateComponents(year: index, month: 1, day: 1)
        }
        return Int64((Self.utc.date(from: components)!.timeIntervalSince1970 * 1000).rounded())
    }

    /// The label of period `index`, what salts the seed: `2027-W05`, `2027-03`, `2027-Q1`, `2027`.
    public func label(ofIndex index: Int) -> String {
        func padded(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch self {
        case .week:
            // The ISO week-numbering year and week of the week's Thursday.
            let thursday = Date(timeIntervalSince1970: Double(startMilliseconds(ofIndex: index) / 1000 + 3 * 86_400))
            let parts = Self.isoWeeks.dateComponents([.yearForWeekOfYear, .weekOfYear], from: thursday)
            return "\(parts.yearForWeekOfYear!)-W\(padded(parts.weekOfYear!))"
        case .month: return "\(Self.floorDiv(index, 12))-\(padded(Self.floorMod(index, 12) + 1))"
        case .quarter: return "\(Self.floorDiv(index, 4))-Q\(Self.floorMod(index, 4) + 1)"
        case .year: return "\(index)"
        }
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a - 1) / b) - 1 }
    private static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }
}
