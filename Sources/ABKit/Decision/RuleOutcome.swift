/// The outcome of one decision rule, shown as a reason and as one JUnit test case.
public struct RuleOutcome: Codable, Sendable, Equatable {
    /// What the rule concluded.
    public enum Status: String, Codable, Sendable, Equatable {
        /// The rule holds (no harm found, enough units, ship criterion met).
        case passed
        /// The rule blocks the rollout.
        case blocked
        /// The rule is not met yet: keep running.
        case pending
        /// The rule could not be evaluated with this data.
        case skipped
    }

    /// A short identifier such as `srm` or `guardrail:unsubscribed`.
    public var rule: String
    /// The outcome.
    public var status: Status
    /// A sentence with the numbers.
    public var message: String

    /// Creates an outcome.
    public init(rule: String, status: Status, message: String) {
        self.rule = rule
        self.status = status
        self.message = message
    }
}
