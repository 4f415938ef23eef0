import ABStats
import Foundation

/// The rules that turn an analysis into a verdict: ship, block or inconclusive.
///
/// An experiment file's `decision` section and its metrics' `guardrail` blocks map onto this;
/// tests and other callers can build one directly.
public struct DecisionPolicy: Sendable, Equatable {
    /// Which way a metric should move: the statistics core's goal, so that the decision, the
    /// analysis and the non-inferiority test read one enum.
    public typealias Goal = MetricGoal

    /// A rule under which the primary metric's best variant is shipped. Any one rule suffices.
    public enum ShipRule: Sendable, Equatable {
        /// P(variant better than control) ≥ threshold.
        case chanceToBeatControl(Double)
        /// Adjusted p-value below alpha, with the lift in the goal's direction.
        case significance
        /// The whole confidence interval of the lift beyond a minimum practical lift
        /// (relative, e.g. 0.02 for +2%, or absolute).
        case intervalBeyond(minimumLift: Double, relative: Bool)
        /// The best variant is shown not worse than control by more than the primary metric's
        /// non-inferiority margin (one-sided test at alpha): "not worse than −2%".
        case nonInferiority
    }

    /// A metric that must not get worse beyond an allowed change.
    public struct Guardrail: Sendable, Equatable {
        /// The metric id.
        public var metric: String
        /// Which way is bad: for `.decrease` goals (unsubscribes) an increase is harm.
        public var goal: Goal
        /// Largest tolerated relative change in the harmful direction (0.10 = 10%).
        public var maxRelativeChange: Double?
        /// Largest tolerated absolute change in the harmful direction.
        public var maxAbsoluteChange: Double?
        /// How sure the analysis must be of a breach before it blocks.
        public var confidence: Double

        /// Creates a guardrail; `goal` is the metric's good direction.
        public init(metric: String, goal: Goal, maxRelativeChange: Double? = nil, maxAbsoluteChange: Double? = nil, confidence: Double = 0.95) {
            self.metric = metric
            self.goal = goal
            self.maxRelativeChange = maxRelativeChange
            self.maxAbsoluteChange = maxAbsoluteChange
            self.confidence = confidence
        }
    }

    /// The metric whose win ships a variant.
    public var primaryMetric: String
    /// The primary metric's good direction.
    public var primaryGoal: Goal
    /// Ways the primary metric can justify shipping.
    public var shipRules: [ShipRule]
    /// Metrics that block on harm.
    public var guardrails: [Guardrail]
    /// Below this many units in any variant the verdict is inconclusive.
    public var minimumUnitsPerVariant: Int
    /// Whether a sample ratio mismatch blocks.
    public var blockOnSampleRatioMismatch: Bool
    /// Largest tolerated share of units whose logged variant disagrees with re-assignment.
    public var maximumAssignmentDrift: Double?
    /// The experiment must run until this moment before it can ship.
    public var plannedEnd: Date?
    /// The relative lift the experiment was planned to detect, for power reporting.
    public var plannedRelativeEffect: Double?
    /// Metrics other than the primary whose every variant must be shown non-inferior (their
    /// `nonInferiorityMargin`) before shipping; until then the verdict is inconclusive.
    public var nonInferiorityMetrics: [String] = []

    /// Creates a policy.
    public init(
        primaryMetric: String, primaryGoal: Goal = .increase, shipRules: [ShipRule] = [.chanceToBeatControl(0.95)],
        guardrails: [Guardrail] = [], minimumUnitsPerVariant: Int = 0, blockOnSampleRatioMismatch: Bool = true,
        maximumAssignmentDrift: Double? = nil, plannedEnd: Date? = nil, plannedRelativeEffect: Double? = nil
    ) {
        self.primaryMetric = primaryMetric
        self.primaryGoal = primaryGoal
        self.shipRules = shipRules
        self.guardrails = guardrails
        self.minimumUnitsPerVariant = minimumUnitsPerVariant
        self.blockOnSampleRatioMismatch = blockOnSampleRatioMismatch
        self.maximumAssignmentDrift = maximumAssignmentDrift
        self.plannedEnd = plannedEnd
        self.plannedRelativeEffect = plannedRelativeEffect
    }
}
