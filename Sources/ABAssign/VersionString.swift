/// GrowthBook's version comparison: versions become padded strings that order as versions do.
///
/// A leading `v` and build metadata (`+…`) are removed; the rest is split on `.` and `-`; a
/// version of exactly three parts (no prerelease) gets a `~` part, which sorts after any
/// prerelease tag (`1.0.0` > `1.0.0-rc.1`); each all-digit part is left-padded with spaces to
/// five characters so `"10"` sorts after `" 9"`; parts are joined with `-`. A number is read
/// as JavaScript prints it; anything else that is not a non-empty string is `"0"`.
public enum VersionString {
    /// The padded form of a version attribute or operand.
    public static func padded(_ value: JSONValue) -> String {
        switch value {
        case .number(let n): return padded(JSNumber.string(n))
        case .string(let s): return padded(s)
        case .null, .bool, .array, .object: return padded("0")
        }
    }

    /// The padded form of version text ("" reads as "0").
    public static func padded(_ version: String) -> String {
        var text = Substring(version.isEmpty ? "0" : version)
        if text.first == "v" { text = text.dropFirst() }
        if let plus = text.firstIndex(of: "+") { text = text[..<plus] }
        var parts = text.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "-" }
        if parts.count == 3 { parts.append("~") }
        return parts.map { part -> String in
            guard !part.isEmpty, part.utf8.allSatisfy({ (0x30...0x39).contains($0) }), part.utf8.count < 5 else {
                return String(part)
            }
            return String(repeating: " ", count: 5 - part.utf8.count) + part
        }.joined(separator: "-")
    }

    /// Compares two versions as GrowthBook does: -1, 0 or 1.
    public static func compare(_ a: String, _ b: String) -> Int {
        let x = padded(a), y = padded(b)
        if x.utf16.elementsEqual(y.utf16) { return 0 }
        return x.utf16.lexicographicallyPrecedes(y.utf16) ? -1 : 1
    }
}
