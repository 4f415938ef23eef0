import Foundation

/// Numbers echoed in error messages, as the user wrote them.
public enum NumberText {
    /// `value` for a message: a whole number in full (JavaScript's shortest form writes 2^62 as
    /// 4611686018427388000 and Swift's as 4.611686018427388e+18, neither the number the user wrote;
    /// -1 stays "-1", not "-1.0"), anything else in Swift's shortest round-trip form.
    public static func exact(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e21 ? String(format: "%.0f", value) : "\(value)"
    }
}
