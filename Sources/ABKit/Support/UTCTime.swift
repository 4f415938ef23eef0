import ABEvents

/// UTC date-times from epoch counts without Foundation's formatters (too slow per event line).
public enum UTCTime {
    /// The Gregorian (year, month, day) of a day count since 1970-01-01 (proleptic before 1582).
    public static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let (year, month, day) = UTCDay.civil(ofDay: Int64(daysSinceEpoch))
        return (Int(year), Int(month), Int(day))
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
