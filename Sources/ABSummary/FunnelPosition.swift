/// A funnel step: the step's number (1-based), its event, and what its rate is relative to.
public struct FunnelPosition: Sendable, Equatable, Codable {
    /// What the step's rate divides by.
    public enum Basis: String, Sendable, Equatable, Codable, CaseIterable {
        /// All exposed units.
        case exposure
        /// Units that reached the previous step.
        case previousStep
    }

    /// The funnel metric's id.
    public var funnel: String
    /// 1 for the first step.
    public var step: Int
    /// The step's event.
    public var event: String
    /// The denominator.
    public var basis: Basis

    /// Creates a position.
    public init(funnel: String, step: Int, event: String, basis: Basis) {
        self.funnel = funnel
        self.step = step
        self.event = event
        self.basis = basis
    }

    /// The step's metric id: `funnel.event` from exposure, `funnel.event.stepRate` from the previous step.
    public var id: String {
        switch basis {
        case .exposure: "\(funnel).\(event)"
        case .previousStep: "\(funnel).\(event).stepRate"
        }
    }

    /// The step whose units the rate divides by: 0 (all exposed units) or the previous step.
    public var denominatorStep: Int {
        switch basis {
        case .exposure: 0
        case .previousStep: step - 1
        }
    }

    /// The positions of a funnel's steps in report order: each step from exposure, then (from
    /// the second step on) from the previous step.
    public static func positions(funnel: String, steps: [String]) -> [FunnelPosition] {
        var out: [FunnelPosition] = []
        for (s, event) in steps.enumerated() {
            out.append(FunnelPosition(funnel: funnel, step: s + 1, event: event, basis: .exposure))
            if s > 0 { out.append(FunnelPosition(funnel: funnel, step: s + 1, event: event, basis: .previousStep)) }
        }
        return out
    }
}
