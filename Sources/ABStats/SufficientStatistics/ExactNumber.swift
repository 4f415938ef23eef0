import Foundation

/// Numbers echoed in error messages as the user wrote them: a whole number in full (-3, not -3.0;
/// 2^62 in its digits, not 4.611686018427388e+18), anything else in Swift's shortest round-trip form.
enum ExactNumber {
    static func text(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e21 ? String(format: "%.0f", value) : "\(value)"
    }
}
