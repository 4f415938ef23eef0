import Foundation

/// Number formats shared by the text and Markdown reports.
package enum NumberFormatting {
    /// 0.2195 → "21.95%".
    package static func percent(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f%%", value * 100)
    }

    /// 0.097 → "+9.70%", signed.
    package static func signedPercent(_ value: Double, digits: Int = 2) -> String {
        String(format: "%+.\(digits)f%%", value * 100)
    }

    /// A plain number with up to `digits` significant digits.
    package static func number(_ value: Double, digits: Int = 4) -> String {
        String(format: "%.\(digits)g", value)
    }

    /// A signed number with up to `digits` significant digits.
    package static func signedNumber(_ value: Double, digits: Int = 4) -> String {
        String(format: "%+.\(digits)g", value)
    }

    /// P-values: four decimals down to 1e-4, then scientific, never "0" for a positive value.
    package static func pValue(_ p: Double) -> String {
        if p == 0 { return "<1e-300" }
        if p < 1e-4 { return String(format: "%.2e", p) }
        return String(format: "%.4f", p)
    }

    /// A span given in minutes in the unit a reader thinks in: "45 s", "12.5 min", "3.4 h",
    /// "9.9 days" (three significant digits, never e-notation below 10⁶ days).
    package static func minutes(_ value: Double) -> String {
        let magnitude = abs(value)
        let (scaled, unit): (Double, String) =
            magnitude < 1 ? (value * 60, "s")
            : magnitude < 120 ? (value, "min")
            : magnitude < 2 * 1440 ? (value / 60, "h")
            : (value / 1440, "days")
        return decimal(scaled) + " " + unit
    }

    /// Three significant digits without e-notation: 0.0123 → "0.0123", 14230 → "14230".
    package static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 || magnitude == 0 ? 0 : max(0, 2 - Int(log10(magnitude).rounded(.down)))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A whole number with thousands separators: 1234567 → "1,234,567".
    package static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
