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
