
/// UTC date-times from epoch counts without Foundation's formatters (too slow per event line);
/// the calendar arithmetic is ``UTCDay``, shared with the collector's timeline.
public enum UTCTime {
    /// The Gregorian (year, month, day) of a day count since 1970-01-01 (proleptic before 1582).
    public static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let (year, month, day) = UTCDay.civil(ofDay: Int64(daysSinceEpoch))
        return (Int(year), Int(month), Int(day))
    }

    /// `2026-11-02T09:30:00Z` for whole seconds since the epoch.
    public static func iso8601(seconds: Int) -> String {
        let milliseconds = Int64(seconds) * 1000
        let day = UTCDay.day(ofMilliseconds: milliseconds)
        let rest = Int((milliseconds - day * 86_400_000) / 1000)
        return "\(UTCDay.date(ofDay: day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// `2026-11-02 09:30:00.123+00` for milliseconds since the epoch: SQL's timestamp-with-time-zone text.
    public static func sqlTimestamp(milliseconds: Int64) -> String {
        let day = UTCDay.day(ofMilliseconds: milliseconds)
        let rest = Int(milliseconds - day * 86_400_000)
        let seconds = rest / 1000, millis = rest % 1000
        let (year, month, dayOfMonth) = civilDate(daysSinceEpoch: Int(day))
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        // PostgreSQL writes years before 1 as "0001 BC" (there is no year 0).
        let shownYear = year > 0 ? year : 1 - year
        let yearText = String(repeating: "0", count: max(0, 4 - String(shownYear).count)) + "\(shownYear)"
        return "\(yearText)-\(two(month))-\(two(dayOfMonth)) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)).\(fraction)+00"
            + (year > 0 ? "" : " BC")
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
