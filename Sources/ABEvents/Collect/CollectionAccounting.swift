import ABSummary

/// Where every line and every unit went. Totals reconcile:
/// `linesRead == accepted + rejected + duplicates`.
public struct CollectionAccounting: Sendable, Equatable {
    /// Lines read from all inputs (header lines of CSV files excluded).
    public var linesRead = 0
    /// Lines accepted.
    public var accepted = 0
    /// Lines rejected, by reason.
    public var rejectedByReason: [RejectReason: Int] = [:]
    /// Lines dropped because their event id was seen before.
    public var duplicates = 0
    /// Exposure lines that name another experiment (accepted, not used).
    public var otherExperimentExposures = 0
    /// Metric events before the unit's exposure (accepted, not counted).
    public var eventsBeforeExposure = 0
    /// Metric events after every window that reads them (accepted, not counted).
    public var eventsOutsideWindow = 0
    /// Metric events of users who were never exposed or were excluded (accepted, not counted).
    public var eventsWithoutUnit = 0
    /// Units analyzed.
    public var units = 0
    /// Users excluded, by reason.
    public var excludedUnits: [ExcludedUnitReason: Int] = [:]
    /// Units with both a logged exposure and an eligibility event whose re-assigned variant differs.
    public var assignmentDrift = 0
    /// Units on which drift could be checked (logged exposure and eligibility both present).
    public var assignmentDriftChecked = 0

    /// Creates empty accounting.
    public init() {}

    /// Lines rejected in all.
    public var rejected: Int { rejectedByReason.values.reduce(0, +) }

    /// The share of checked units whose variants disagree, or nil when none could be checked.
    public var assignmentDriftShare: Double? {
        assignmentDriftChecked > 0 ? Double(assignmentDrift) / Double(assignmentDriftChecked) : nil
    }

    /// Adds another input's line counts.
    mutating func addLines(of other: CollectionAccounting) {
        linesRead += other.linesRead
        accepted += other.accepted
        duplicates += other.duplicates
        otherExperimentExposures += other.otherExperimentExposures
        for (reason, count) in other.rejectedByReason { rejectedByReason[reason, default: 0] += count }
    }
}
