/// Formats numbers the way JavaScript's `String(number)` does.
///
/// GrowthBook hashes numeric attributes by their JavaScript string (`String(123)` is
/// `"123"`, not `"123.0"`), and its condition evaluator coerces numbers to strings the
/// same way, so ABAssign needs the exact same text.
public enum JSNumber {
    /// The JavaScript `Number.prototype.toString()` text of `value`.
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == 0 { return "0" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value < 0 { return "-" + string(-value) }
        if value < 1e21, value == value.rounded(), value < 9_007_199_254_740_992 {
            return String(UInt64(value))
        }
        // Swift's description gives the shortest round-trip digits, as JS does.
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var whole = mantissa
        var fraction: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            whole = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        let joined = String(whole) + String(fraction)
        let leadingZeros = joined.prefix(while: { $0 == "0" }).count
        let padded = joined.dropFirst(leadingZeros)
        var digits = Substring(padded)
        while digits.last == "0" { digits = digits.dropLast() }
        let k = digits.count
        // value = 0.d1…dk × 10^n
        let n = exponent - fraction.count + padded.count
        if k <= n, n <= 21 { return digits + String(repeating: "0", count: n - k) }
        if 0 < n, n <= 21 {
            return digits.prefix(n) + "." + digits.dropFirst(n)
        }
        if -6 < n, n <= 0 { return "0." + String(repeating: "0", count: -n) + digits }
        let head = String(digits.prefix(1)) + (k > 1 ? "." + digits.dropFirst() : "")
        let e = n - 1
        return head + "e" + (e > 0 ? "+" : "-") + String(abs(e))
    }

    /// JavaScript's `Number(string)`: trims white space, "" is 0, anything unparsable is NaN.
    public static func number(from string: String) -> Double {
        let trimmed = string.trimmingJSWhitespace()
        if trimmed.isEmpty { return 0 }
        if trimmed == "Infinity" || trimmed == "+Infinity" { return .infinity }
        if trimmed == "-Infinity" { return -.infinity }
        let lower = trimmed.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            guard let v = UInt64(lower.dropFirst(2), radix: radix) else { return .nan }
            return Double(v)
        }
        // Swift's Double(String) accepts "nan", "inf" and hex floats, which JS rejects.
        guard trimmed.utf8.allSatisfy({ byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-")
        }) else { return .nan }
        return Double(trimmed) ?? .nan
    }
}

extension String {
    fileprivate func trimmingJSWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
