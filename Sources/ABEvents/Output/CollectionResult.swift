import ABSummary
/// What a collection produces: per-variant sufficient statistics for each metric (and each
/// dimension slice and funnel step), and the accounting of every line and unit.
public struct CollectionResult: Sendable, Equatable {
    /// The experiment id.
    public var experiment: String
    /// Variant keys, in the plan's order.
    public var variants: [String]
    /// Units per variant (same order).
    public var unitsPerVariant: [Int]
    /// The metrics: for each plan metric its overall statistics first, then its funnel steps,
    /// then its dimension slices.
    public var metrics: [SummaryMetric]
    /// Where every line and unit went.
    public var accounting: CollectionAccounting
    /// The plan's timeline metric by exposure day, when exposure times are known (event logs).
    public var timeline: SummaryTimeline?
    /// Each exposed unit's variant key, by unit id, when the collector was asked to keep them
    /// (``EventCollector/keepsUnitVariants``): what another experiment's analysis joins on.
    public var unitVariants: [String: String]?
}


extension CollectionResult {
    /// The summary of this collection: the same structure a warehouse export has, plus the
    /// accounting, so analyzing the events and analyzing `abkit aggregate`'s output agree.
    public func summary(control: String, weights: [String: Double]?) -> SummaryFile {
        SummaryFile(
            experiment: experiment, control: control, weights: weights, metrics: metrics, data: DataAccounting(accounting),
            timeline: timeline)
    }
}

extension DataAccounting {
    /// The summary's `data` block from a collector's accounting.
    public init(_ a: CollectionAccounting) {
        self.init()
        linesRead = a.linesRead
        accepted = a.accepted
        rejected = a.rejected
        rejectedByReason = KeyedValues(a.rejectedByReason.sorted { $0.key.rawValue < $1.key.rawValue }.map { (key: $0.key.rawValue, value: $0.value) })
        duplicates = a.duplicates
        otherExperimentExposures = a.otherExperimentExposures
        eventsBeforeExposure = a.eventsBeforeExposure
        eventsOutsideWindow = a.eventsOutsideWindow
        eventsWithoutUnit = a.eventsWithoutUnit
        units = a.units
        excludedUnits = KeyedValues(a.excludedUnits.sorted { $0.key.rawValue < $1.key.rawValue }.map { (key: $0.key.rawValue, value: $0.value) })
        assignmentDrift = a.assignmentDrift
        assignmentDriftChecked = a.assignmentDriftChecked
    }
}
