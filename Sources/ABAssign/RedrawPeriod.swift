/// How often a periodic global holdout is drawn again.
///
/// Each calendar period (in UTC, proleptic Gregorian) salts the holdout's hash seed with the
/// period's label, so every period holds out an independent share of users and nobody is kept
/// from messaging for longer than one period. A user's period is the one holding their exposure.
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

    /// The longest period of this kind, in days: 7, 31, 92 or 366.
    public var longestDays: Int {
        switch self {
        case .week: 7
        case .month: 31
        case .quarter: 92
        case .year: 366
        }
    }

    /// The average length of a period of this kind, in days (Gregorian years of 365.2425 days).
    public var averageDays: Double {
        switch self {
        case .week: 7
        case .month: 365.2425 / 12
        case .quarter: 365.2425 / 4
        case .year: 365.2425
        }
    }

    /// The period holding the UTC day `day` (days since 1970-01-01), numbered so that consecutive
    /// periods differ by one.
    public func index(ofDay day: Int64) -> Int {
        switch self {
        // 1970-01-01 was a Thursday: weeks start 3 days earlier, on Monday 1969-12-29.
        case .week: return Int(Self.floorDiv(day + 3, 7))
        case .month:
            let (year, month, _) = CivilDate.civil(ofDay: day)
            return Int(year * 12 + month - 1)
        case .quarter:
            let (year, month, _) = CivilDate.civil(ofDay: day)
            return Int(year * 4 + (month - 1) / 3)
        case .year: return Int(CivilDate.civil(ofDay: day).year)
        }
    }

    /// The period holding `milliseconds` since the epoch.
    public func index(atMilliseconds milliseconds: Int64) -> Int {
        index(ofDay: CivilDate.day(ofMilliseconds: milliseconds))
    }

    /// The first day of period `index`, in days since 1970-01-01.
    public func startDay(ofIndex index: Int) -> Int64 {
        let i = Int64(index)
        switch self {
        case .week: return i * 7 - 3
        case .month: return CivilDate.day(year: Self.floorDiv(i, 12), month: Self.floorMod(i, 12) + 1, day: 1)
        case .quarter: return CivilDate.day(year: Self.floorDiv(i, 4), month: Self.floorMod(i, 4) * 3 + 1, day: 1)
        case .year: return CivilDate.day(year: i, month: 1, day: 1)
        }
    }

    /// The first instant of period `index`, in milliseconds since the epoch.
    public func startMilliseconds(ofIndex index: Int) -> Int64 { startDay(ofIndex: index) * Self.millisecondsPerDay }

    /// The label of period `index`, what salts the seed: `2027-W05`, `2027-03`, `2027-Q1`, `2027`.
    public func label(ofIndex index: Int) -> String {
        func padded(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let i = Int64(index)
        switch self {
        case .week:
            // The ISO week-numbering year is the year of the week's Thursday; week 1 holds its first Thursday.
            let thursday = startDay(ofIndex: index) + 3
            let year = CivilDate.civil(ofDay: thursday).year
            let week = (thursday - CivilDate.day(year: year, month: 1, day: 1)) / 7 + 1
            return "\(year)-W\(padded(week))"
        case .month: return "\(Self.floorDiv(i, 12))-\(padded(Self.floorMod(i, 12) + 1))"
        case .quarter: return "\(Self.floorDiv(i, 4))-Q\(Self.floorMod(i, 4) + 1)"
        case .year: return "\(index)"
        }
    }

    // Without negating `a`, so that no time, however far from 1970, overflows.
    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a / b - (a % b < 0 ? 1 : 0) }
    private static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
