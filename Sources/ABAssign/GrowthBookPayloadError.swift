/// Why a GrowthBook payload (features, rules, experiments, saved groups) could not be read.
public struct GrowthBookPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the payload the problem is: keys joined by dots, array positions as `[i]`
    /// (`features.welcome.rules[2].weights`).
    public var path: String
    /// What was expected there.
    public var expected: String
    /// The JSON type found instead, or a short note when the type was right but the value not.
    public var got: String

    /// Creates an error for a value of the wrong type.
    public init(path: String, expected: String, got value: JSONValue) {
        self.init(path: path, expected: expected, got: value.typeName)
    }

    /// Creates an error.
    public init(path: String, expected: String, got: String) {
        self.path = path
        self.expected = expected
        self.got = got
    }

    public var description: String { "\(path): expected \(expected), got \(got)" }
}
