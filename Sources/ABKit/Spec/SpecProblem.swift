/// One problem found in an experiment file: where it is and what was expected.
public struct SpecProblem: Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the offending value, e.g. `variants[1].weight`.
    package var path: String
    /// What was expected and what was found.
    package var message: String

    /// Creates a problem report.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
