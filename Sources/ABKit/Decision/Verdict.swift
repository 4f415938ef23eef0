/// What the decision rules say about an experiment; `abkit gate` turns it into its exit code.
/// Encoded as its raw value (`"ship"`, `"block"`, `"inconclusive"`) in the result JSON.
public enum Verdict: String, Sendable, Codable, Equatable, CaseIterable {
    /// The primary metric's best variant meets a ship rule and nothing blocks: roll out.
    case ship
    /// A guardrail regressed, the sample ratio is off, or assignment drifted: stop.
    case block
    /// Too few units, the planned duration not over, or no ship rule met yet: keep running.
    case inconclusive
}
