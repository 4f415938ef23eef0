import Foundation

/// IANA time zone names, checked against the zones Foundation knows.
public enum TimeZoneName {
    /// The zone named `name` ("Europe/Berlin"); fails for a name Foundation does not know
    /// ("Mars/Olympus"), so a spec can be rejected before any send time is computed.
    public static func zone(_ name: String) throws(UnknownTimeZoneError) -> TimeZone {
        // TimeZone(identifier:) also makes zones for "GMT+2"-style offsets, which it renames
        // ("GMT+0200"); a database zone keeps its name ("UTC" alone is reported as "GMT").
        // knownTimeZoneIdentifiers is not used: on Linux it omits aliases such as Asia/Kolkata.
        guard let zone = TimeZone(identifier: name), zone.identifier == name || name == "UTC"
        else { throw UnknownTimeZoneError(name: name) }
        return zone
    }

    /// Whether `name` is an IANA zone name Foundation knows.
    public static func isValid(_ name: String) -> Bool {
        (try? zone(name)) != nil
    }
}

/// A time zone name that is not an IANA zone Foundation knows.
public struct UnknownTimeZoneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name as given.
    public var name: String

    /// Creates an error for `name`.
    public init(name: String) { self.name = name }

    public var description: String {
        "unknown time zone \"\(name)\": expected an IANA zone name such as \"Europe/Berlin\" or \"America/New_York\""
    }
}
