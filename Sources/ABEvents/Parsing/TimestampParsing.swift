/// Event times as milliseconds since 1970-01-01T00:00:00Z.
///
/// Accepts ISO 8601 date-times (`2026-11-02T09:30:00Z`, with `T` or a space, optional fractional
/// seconds, and `Z`, `±hh:mm`, `±hhmm` or `±hh` offsets; no offset means UTC), plain dates
/// (`2026-11-02`, midnight UTC), and epoch numbers: seconds, or milliseconds when the magnitude
/// is 1e11 or more (which as seconds would be past the year 5000).
public enum TimestampParsing {
    /// The day numbers of the dates a parser read lately, 64 at most. Event logs span a few
    /// weeks, so most lines repeat a recent date: they skip its checks and calendar arithmetic.
    public struct DayCache {
        /// A date's ten bytes (YYYY-MM-DD) as a word and a half-word, and its day number; zero: empty.
        fileprivate struct Entry {
            var head: UInt64 = 0
            var tail: UInt16 = 0
            var days = 0
        }

        fileprivate var entries: [Entry]

        /// An empty cache.
        public init() { entries = [Entry](repeating: Entry(), count: 64) }

        private init(entries: [Entry]) { self.entries = entries }

        /// A cache that keeps nothing (and allocates nothing), for one-off parses.
        fileprivate static var none: DayCache { DayCache(entries: []) }

        /// The entry a date's bytes map to.
        @inline(__always)
        fileprivate static func index(_ head: UInt64, _ tail: UInt16) -> Int {
            Int(truncatingIfNeeded: ((head ^ UInt64(tail) << 48) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        }
    }

    /// Milliseconds since the epoch, or nil when `bytes` is not a time this parser knows.
    public static func milliseconds(_ bytes: UnsafeBufferPointer<UInt8>, isNumber: Bool) -> Int64? {
        var cache = DayCache.none
        return milliseconds(bytes, isNumber: isNumber, cache: &cache)
    }

    /// Milliseconds since the epoch, reusing (and updating) the day number of the date `cache` holds.
    public static func milliseconds(_ bytes: UnsafeBufferPointer<UInt8>, isNumber: Bool, cache: inout DayCache) -> Int64? {
        if isNumber || (bytes.count > 0 && bytes.count < 20 && (isDigit(bytes[0]) || bytes[0] == UInt8(ascii: "-")) && !looksLikeDate(bytes)) {
            guard let value = NumberParsing.double(bytes), value.isFinite else { return nil }
            let ms = abs(value) >= 1e11 ? value : value * 1000
            guard abs(ms) < 1e16 else { return nil }
            return Int64(ms.rounded())
        }
        return iso8601(bytes, cache: &cache)
    }

    private static func looksLikeDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 10 && b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-")
    }

    /// An ISO 8601 date or date-time.
    public static func iso8601(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var cache = DayCache.none
        return iso8601(b, cache: &cache)
    }

    /// An ISO 8601 date or date-time, reusing the day number of the date `cache` holds.
    public static func iso8601(_ b: UnsafeBufferPointer<UInt8>, cache: inout DayCache) -> Int64? {
        // Positions are fixed up to the seconds (YYYY-MM-DDThh:mm:ss); no closures here, as
        // a closure capturing the cursor would cost an exclusivity check per digit.
        let n = b.count
        guard n >= 10 else { return nil }
        let raw = UnsafeRawPointer(b.baseAddress!)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        let days: Int
        let slot = DayCache.index(head, tail)
        if !cache.entries.isEmpty, cache.entries[slot].head == head, cache.entries[slot].tail == tail {
            days = cache.entries[slot].days
        } else {
            guard b[4] == 0x2D, b[7] == 0x2D, let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2),
                (1...12).contains(month), day >= 1, day <= daysInMonth(year, month)
            else { return nil }
            days = daysFromCivil(year, month, day)
            if !cache.entries.isEmpty { cache.entries[slot] = DayCache.Entry(head: head, tail: tail, days: days) }
        }
        if n == 10 { return Int64(days) * 86_400_000 }
        guard n >= 16, b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20, b[13] == 0x3A,
            let hour = number(b, 11, 2), let minute = number(b, 14, 2), hour < 24, minute < 60
        else { return nil }
        var i = 16
        var second = 0
        var millisecond = 0
        if i < n, b[i] == 0x3A {
            guard let s = number(b, i + 1, 2), s <= 60 else { return nil }
            second = min(s, 59)  // a leap second counts as the last second of its minute
            i += 3
            if i < n, b[i] == 0x2E || b[i] == 0x2C {
                i += 1
                var scale = 100
                let start = i
                while i < n, isDigit(b[i]) {
                    millisecond += Int(b[i] &- 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        var offsetMinutes = 0
        if i < n, b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if i < n, b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            guard let h = number(b, i + 1, 2), h <= 23 else { return nil }
            i += 3
            var m = 0
            if i < n {
                if b[i] == 0x3A { i += 1 }
                guard let mm = number(b, i, 2), mm < 60 else { return nil }
                m = mm
                i += 2
            }
            offsetMinutes = sign * (h * 60 + m)
        }
        guard i == n else { return nil }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millisecond)
    }

    /// The decimal number in `count` digits at `start`, or nil.
    @inline(__always)
    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for k in start..<start + count {
            let d = b[k] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
