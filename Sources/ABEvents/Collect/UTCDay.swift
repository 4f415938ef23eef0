/// Calendar days since 1970-01-01 and back, in UTC (proleptic Gregorian).
public enum UTCDay {
    static let milliseconds: Int64 = 86_400_000

    /// The day of a time in milliseconds since the epoch (floor, so times before 1970 work too).
    public static func day(ofMilliseconds time: Int64) -> Int64 {
        time >= 0 ? time / milliseconds : -((-time - 1) / milliseconds) - 1
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

    /// Year, month (1–12) and day of month of a day since 1970-01-01 (Howard Hinnant's civil_from_days).
    public static func civil(ofDay day: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }
}
