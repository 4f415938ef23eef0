import Foundation

/// When to send a variant's message, read from its `delay`, `sendAt` and `timezone` fields,
/// and the rule that turns an exposure instant into a send instant.
///
/// - `delay`: an ISO 8601 duration of weeks, days, hours, minutes and seconds (`PT2H`, `P1D`,
///   `P1DT12H`; years and months are refused, as in experiment specs) or a number of seconds.
///   A day is 24 hours: the send instant is the exposure plus the duration, whatever the zone.
/// - `sendAt`: a local wall-clock time `"HH:MM"`, read in `timezone` when that is an IANA
///   name, else (absent or `"user"`) in the user's zone, falling back to the experiment's.
///   The send instant is the earliest one at or after the exposure that the local calendar
///   gives for `HH:MM` on some day, where a time that does not exist that day (a spring-forward
///   gap) moves forward by the gap (02:30 becomes 03:30 after a one-hour jump) and a time that
///   occurs twice (fall back) means its first occurrence.
public struct SendTime: Sendable, Hashable {
    /// How the send instant follows from the exposure.
    public enum Timing: Sendable, Hashable {
        /// A fixed number of seconds after the exposure.
        case delay(seconds: Double)
        /// The next local wall-clock time `hour:minute`.
        case localTime(hour: Int, minute: Int)
    }

    /// How the send instant follows from the exposure.
    public var timing: Timing
    /// The message's `timezone`: an IANA name, `"user"`, or `nil`.
    public var timeZone: String?

    /// Creates a send rule.
    public init(timing: Timing, timeZone: String? = nil) {
        self.timing = timing
        self.timeZone = timeZone
    }

    /// Reads a message payload's `delay` or `sendAt` (with `timezone`); `nil` when it has
    /// neither (the message goes at exposure).
    public init?(message: JSONValue) throws(SendTimeError) {
        guard case .object(let o) = message else { throw SendTimeError(field: "", message: "expected a message object, got \(message.typeName)") }
        var zone: String?
        if let value = o["timezone"] {
            guard let name = value.stringValue else { throw SendTimeError(field: "timezone", message: "expected an IANA zone name or \"user\", got \(value.typeName)") }
            if name != "user" {
                do { _ = try TimeZoneName.zone(name) } catch { throw SendTimeError(field: "timezone", message: error.description) }
            }
            zone = name
        }
        switch (o["delay"], o["sendAt"]) {
        case (.some, .some):
            throw SendTimeError(field: "", message: "give either delay or sendAt, not both")
        case (.some(let delay), .none):
            self.init(timing: .delay(seconds: try Self.seconds(delay)), timeZone: zone)
        case (.none, .some(let sendAt)):
            guard let text = sendAt.stringValue, let (h, m) = Self.clockTime(text) else {
                throw SendTimeError(field: "sendAt", message: "expected a time of day \"HH:MM\" (00:00 to 23:59), got \(JSONWriter.string(sendAt))")
            }
            self.init(timing: .localTime(hour: h, minute: m), timeZone: zone)
        case (.none, .none):
            return nil
        }
    }

    /// The send instant for a user exposed at `exposure` whose zone attribute is `userTimeZone`
    /// (ignored when it is not a known IANA name), with `experimentTimeZone` as the fallback.
    public func resolve(exposure: Date, userTimeZone: String?, experimentTimeZone: String? = nil) throws(SendTimeError) -> Date {
        switch timing {
        case .delay(let seconds):
            return exposure.addingTimeInterval(seconds)
        case .localTime(let hour, let minute):
            let zone: TimeZone
            if let name = timeZone, name != "user" {
                do { zone = try TimeZoneName.zone(name) } catch { throw SendTimeError(field: "timezone", message: error.description) }
            } else if let name = userTimeZone, let user = try? TimeZoneName.zone(name) {
                zone = user
            } else if let name = experimentTimeZone {
                do { zone = try TimeZoneName.zone(name) } catch { throw SendTimeError(field: "timezone", message: error.description) }
            } else {
                throw SendTimeError(field: "timezone", message: "the user has no known time zone and the experiment gives none to fall back to")
            }
            return Self.next(hour: hour, minute: minute, atOrAfter: exposure, in: zone)
        }
    }

    /// The earliest instant at or after `instant` that `zone`'s calendar gives for the wall time
    /// `hour:minute` on some day (gap times moved forward by the gap, repeated times at their
    /// first occurrence).
    public static func next(hour: Int, minute: Int, atOrAfter instant: Date, in zone: TimeZone) -> Date {
        let t = instant.timeIntervalSince1970
        let localDay = ((t + Double(zone.secondsFromGMT(for: instant))) / 86_400).rounded(.down)
        // Start a day early: a gap shift can carry yesterday's time past midnight.
        var day = localDay - 1
        while true {
            let candidate = resolve(wall: day * 86_400 + Double(hour * 3_600 + minute * 60), in: zone)
            if candidate >= t { return Date(timeIntervalSince1970: candidate) }
            day += 1
        }
    }

    /// The instant (seconds since 1970) a wall-clock reading `wall` (seconds since 1970 read as
    /// if local time were UTC) names in `zone`.
    static func resolve(wall: Double, in zone: TimeZone) -> Double {
        func offset(_ t: Double) -> Double { Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: t))) }
        // Offsets before and after any transition near this wall time (zones change at most
        // once within a couple of days).
        let before = offset(wall - 86_400), after = offset(wall + 86_400)
        let first = wall - before, second = wall - after
        let valid = [first, second].filter { offset($0) == wall - $0 }
        // Two readings: fall-back overlap, take the earlier; none: a gap, keep the offset from
        // before the jump, which lands the gap's length later on the wall clock.
        return valid.min() ?? first
    }

    /// Seconds in a `delay`: an ISO 8601 duration or a number.
    static func seconds(_ delay: JSONValue) throws(SendTimeError) -> Double {
        switch delay {
        case .number(let n):
            if n.isFinite, n >= 0 { return n }
        case .string(let text):
            if let seconds = isoDurationSeconds(text) { return seconds }
        case .null, .bool, .array, .object: break
        }
        throw SendTimeError(field: "delay", message: "expected an ISO 8601 duration such as \"PT2H\" or \"P1D\" (weeks, days, hours, minutes, seconds) or a number of seconds, got \(JSONWriter.string(delay))")
    }

    /// `"HH:MM"` with 00 ≤ HH ≤ 23 and 00 ≤ MM ≤ 59, two digits each.
    static func clockTime(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.utf8.count == 2 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
            let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60
        else { return nil }
        return (h, m)
    }

    /// The length of an ISO 8601 duration of weeks, days, hours, minutes and seconds, in the
    /// order P[nW][nD][T[nH][nM][nS]] (a day is 24 hours); `nil` for anything else, years and
    /// months included. Spec readers can share this rule with send times.
    public static func isoDurationSeconds(_ text: String) -> Double? {
        var rest = Substring(text)
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total = 0.0, inTime = false, sawComponent = false, lastRank = -1
        while let next = rest.first {
            if next == "T" {
                guard !inTime else { return nil }
                inTime = true
                rest = rest.dropFirst()
                guard !rest.isEmpty else { return nil }
                continue
            }
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
            guard !digits.isEmpty, let value = Double(String(digits.map { $0 == "," ? "." : $0 })) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = rest.popFirst() else { return nil }
            let rank: Int, factor: Double
            switch (inTime, unit) {
            case (false, "W"): (rank, factor) = (0, 604_800)
            case (false, "D"): (rank, factor) = (1, 86_400)
            case (true, "H"): (rank, factor) = (2, 3_600)
            case (true, "M"): (rank, factor) = (3, 60)
            case (true, "S"): (rank, factor) = (4, 1)
            default: return nil
            }
            guard rank > lastRank else { return nil }
            lastRank = rank
            total += value * factor
            sawComponent = true
        }
        return sawComponent ? total : nil
    }
}

/// Why a message's send time could not be read or resolved.
public struct SendTimeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message field concerned (`delay`, `sendAt`, `timezone`), or "" for the whole message.
    public var field: String
    /// What was expected.
    public var message: String

    /// Creates an error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}
