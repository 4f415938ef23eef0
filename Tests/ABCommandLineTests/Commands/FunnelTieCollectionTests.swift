import ABTestSupport
import ABSummary
import ABEvents
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

/// Issue 15: a funnel must not depend on the experiment's other metrics. In the welcome
/// experiment `first_project_created` is the primary metric's event, so the collector codes it
/// before `profile_completed`; when both share a millisecond, the old tie-break (event code)
/// left such a user at step 1, while a funnel-only file took them through all three steps.
@Suite("Funnel ties: the welcome experiment and a funnel-only file agree")
struct FunnelTieCollectionTests {
    static let welcome = RepositoryPaths.experiments("welcome-message-timing.json")

    /// The welcome file's funnel, alone.
    static let funnelOnly = """
        {"id": "welcome-message-timing", "unit": "user_id",
         "assignment": {"seed": "welcome-message-timing", "hashVersion": 2},
         "variants": [{"key": "immediate", "weight": 0.34, "control": true}, {"key": "one-hour", "weight": 0.33},
                      {"key": "next-morning", "weight": 0.33}],
         "exposure": {"event": "signup_completed"},
         "metrics": [{"id": "onboarding", "type": "funnel",
                      "steps": ["profile_completed", "first_project_created", "invited_teammate"], "window": "P14D"}]}
        """

    /// Per user: variant, funnel events (P, F, I for the three steps) at ms after exposure.
    static let users: [(id: String, variant: String, events: [(String, Int64)])] = {
        let day: Int64 = 86_400_000
        return [
            ("a1", "immediate", [("P", 1000), ("F", 1000), ("I", 2000)]),  // P and F tied: 3 (was 1)
            ("a2", "immediate", [("I", 5000), ("F", 5000), ("P", 5000)]),  // all three tied: 3 (was 1)
            ("a3", "immediate", [("P", 1000), ("I", 2000), ("F", 2000)]),  // F and I tied: 3
            ("a4", "immediate", [("F", 1000), ("P", 2000), ("I", 3000)]),  // F before P: 1
            ("a5", "immediate", []),  // 0
            ("b1", "one-hour", [("F", 1000), ("P", 1000)]),  // P and F tied, no invite: 2 (was 1)
            ("b2", "one-hour", [("P", 1000), ("I", 1000), ("F", 2000)]),  // I before F: 2
            ("b3", "one-hour", [("P", 14 * day), ("F", 14 * day)]),  // tied at the window's (inclusive) end: 2 (was 1)
            ("c1", "next-morning", [("F", 1000), ("P", 1000), ("F", 3000), ("I", 4000)]),  // 3
            ("c2", "next-morning", [("P", -1), ("F", -1)]),  // before exposure: 0
        ]
    }()

    static func log() throws -> String {
        let t0: Int64 = 1_793_577_600_000
        let names = ["P": "profile_completed", "F": "first_project_created", "I": "invited_teammate"]
        var lines: [String] = []
        for user in users {
            lines.append(#"{"user_id":"\#(user.id)","event":"signup_completed","timestamp":\#(t0),"variant":"\#(user.variant)"}"#)
            for (event, dt) in user.events {
                lines.append(#"{"user_id":"\#(user.id)","event":"\#(names[event]!)","timestamp":\#(t0 + dt)}"#)
            }
        }
        return try RepositoryPaths.temporaryFile(lines.joined(separator: "\n") + "\n", name: "ties.jsonl")
    }

    /// Conversions per funnel step (exposure basis), per variant in file order.
    static func steps(_ summary: SummaryFile) throws -> [[Int]] {
        try ["profile_completed", "first_project_created", "invited_teammate"].map { event in
            let step = try #require(summary.metrics.first { $0.id == "onboarding.\(event)" })
            return step.variants.map { $0.conversions ?? -1 }
        }
    }

    @Test("the same funnel counts from both files, and the hand-computed ones")
    func sameCounts() throws {
        let log = try Self.log()
        let fromWelcome = try DataCollection(kind: .events, paths: [log]).summary(for: try ExperimentFile.load(Self.welcome))
        let funnelOnlyPath = try RepositoryPaths.temporaryFile(Self.funnelOnly, name: "funnel-only.json")
        let fromFunnelOnly = try DataCollection(kind: .events, paths: [log]).summary(for: try ExperimentFile.load(funnelOnlyPath))
        // Steps × variants (immediate, one-hour, next-morning). Before the fix the welcome file gave
        // [[4, 3, 1], [1, 1, 1], [1, 0, 1]]: a1, a2, b1 and b3 stopped at step 1.
        let expected = [[4, 3, 1], [3, 3, 1], [3, 0, 1]]
        #expect(try Self.steps(fromWelcome) == expected)
        #expect(try Self.steps(fromFunnelOnly) == expected)
        let funnel = { (s: SummaryFile) in s.metrics.filter { $0.funnel != nil } }
        #expect(funnel(fromWelcome) == funnel(fromFunnelOnly), "every step on both bases")
        #expect(fromWelcome.metrics.first { $0.id == "onboarding.profile_completed" }?.variants.map(\.units) == [5, 3, 2])
    }
}
