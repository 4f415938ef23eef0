import ABAssign

/// Calendar days since 1970-01-01 and back, in UTC (proleptic Gregorian).
public enum UTCDay {
    static let milliseconds: Int64 = 86_400_000

    /// The day of a time in milliseconds since the epoch (floor, so times before 1970 work too).
    public static func day(ofMilliseconds time: Int64) -> Int64 {
        CivilDate.day(ofMilliseconds: time)
    }

    /// `YYYY-MM-DD` of a day since 1970-01-01.
    public static func date(ofDay day: Int64) -> String {
        let (year, month, dayOfMonth) = civil(ofDay: day)
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(dayOfMonth, 2))"
    }

    /// Year, month (1–12) and day of month of a day since 1970-01-01 (proleptic Gregorian).
    public static func civil(ofDay day: Int64) -> (year: Int64, month: Int64, day: Int64) { CivilDate.civil(ofDay: day) }
}
