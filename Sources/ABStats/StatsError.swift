import Foundation

/// An error raised by the statistics core, phrased so that a user can act on it.
///
/// Every public function of ABStats validates its inputs and throws one of these
/// instead of crashing, aborting inside GSL or returning NaN.
public enum StatsError: Error, Equatable, Sendable, LocalizedError {
    /// A parameter is outside its valid domain (for example a negative degree of freedom).
    case invalidParameter(name: String, value: String, expected: String)
    /// The sufficient statistics of one variant are inconsistent or unusable.
    case invalidVariant(variant: String, field: String, reason: String)
    /// The comparison cannot be computed for these inputs (for example zero variance in both groups).
    case notComputable(test: String, reason: String)
    /// GSL reported a numerical failure; `code` is GSL's own description of it.
    case numerical(function: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .invalidParameter(name, value, expected):
            return "\(name) = \(value) is invalid: expected \(expected)."
        case let .invalidVariant(variant, field, reason):
            return "variant '\(variant)', \(field): \(reason)"
        case let .notComputable(test, reason):
            return "\(test) cannot be computed: \(reason)"
        case let .numerical(function, reason):
            return "numerical failure in \(function): \(reason)"
        }
    }
}

extension StatsError {
    /// Throws `invalidParameter` unless `value` is finite.
    static func requireFinite(_ value: Double, _ name: String) throws {
        guard value.isFinite else {
            throw StatsError.invalidParameter(name: name, value: "\(value)", expected: "a finite number")
        }
    }

    /// Throws `invalidParameter` unless `value` is finite and strictly positive.
    static func requirePositive(_ value: Double, _ name: String) throws {
        guard value.isFinite, value > 0 else {
            throw StatsError.invalidParameter(name: name, value: "\(value)", expected: "a finite number > 0")
        }
    }

    /// Throws `invalidParameter` unless `value` is a probability strictly between 0 and 1.
    static func requireOpenProbability(_ value: Double, _ name: String) throws {
        guard value.isFinite, value > 0, value < 1 else {
            throw StatsError.invalidParameter(name: name, value: "\(value)", expected: "a probability strictly between 0 and 1")
        }
    }

    /// Throws `invalidParameter` unless `value` is a probability in [0, 1].
    static func requireProbability(_ value: Double, _ name: String) throws {
        guard value.isFinite, value >= 0, value <= 1 else {
            throw StatsError.invalidParameter(name: name, value: "\(value)", expected: "a probability in [0, 1]")
        }
    }

    /// Returns `value` unless GSL produced NaN or infinity, which it does (with its error
    /// handler off) when it could not compute a result.
    static func checked(_ value: Double, _ function: String) throws -> Double {
        guard value.isFinite else {
            throw StatsError.numerical(function: function, reason: "GSL returned \(value)")
        }
        return value
    }
}
