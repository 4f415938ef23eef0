/// UTC date-times from epoch counts without Foundation's formatters (too slow per event line).
public enum UTCTime {
    /// The Gregorian (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's
    /// civil-from-days algorithm; proleptic before 1582).
    public static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `2026-11-02T09:30:00Z` for whole seconds since the epoch.
    public static func iso8601(seconds: Int) -> String {
        let days = seconds.floorDivided(by: 86_400), rest = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// `2026-11-02 09:30:00.123+00` for milliseconds since the epoch: SQL's timestamp-with-time-zone text.
    public static func sqlTimestamp(milliseconds: Int64) -> String {
        let seconds = Int(milliseconds.floorDivided(by: 1000)), millis = Int(milliseconds - Int64(seconds) * 1000)
        let days = seconds.floorDivided(by: 86_400), rest = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        let yearText = year > 0 ? (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + "\(year)" : "\(year)") : "\(1 - year)"
        return "\(yearText)-\(two(month))-\(two(day)) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)).\(fraction)+00"
            + (year > 0 ? "" : " BC")
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension BinaryInteger {
    /// The quotient rounded toward negative infinity.
    fileprivate func floorDivided(by divisor: Self) -> Self {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
