/// Calendar dates of days since 1970-01-01 in the proleptic Gregorian calendar (UTC), by
/// integer arithmetic (Howard Hinnant's `civil_from_days` and `days_from_civil`): the same
/// answer for every year, where calendar libraries switch to the Julian calendar before 1582.
public enum CivilDate {
    /// The day (since 1970-01-01, floored, so times before 1970 work too) of a time in
    /// milliseconds since the epoch.
    public static func day(ofMilliseconds time: Int64) -> Int64 {
        // Without negating `time`, so that no value, however far from 1970, overflows.
        time / 86_400_000 - (time % 86_400_000 < 0 ? 1 : 0)
    }

    /// Year, month (1–12) and day of month of `day` days since 1970-01-01.
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

    /// Days since 1970-01-01 of a date (month 1–12, day of month from 1).
    public static func day(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
