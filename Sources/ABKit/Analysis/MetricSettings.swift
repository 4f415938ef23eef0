import ABStats

/// What the analysis needs to know about one metric beyond its statistics: which way is better
/// and the non-inferiority margin, from the experiment file's metric.
public struct MetricSettings: Sendable, Equatable {
    /// Which way the metric should move; lifts, chance to beat control and the reports' marks follow it.
    public var goal: MetricGoal
    /// The margin of the one-sided non-inferiority test, when the metric has one.
    public var nonInferiorityMargin: NonInferiorityMargin?

    /// Creates settings; the default goal is to increase, with no margin.
    public init(goal: MetricGoal = .increase, nonInferiorityMargin: NonInferiorityMargin? = nil) {
        self.goal = goal
        self.nonInferiorityMargin = nonInferiorityMargin
    }
}
