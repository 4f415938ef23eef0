/// Line and unit accounting (all zero for a summary input).
public struct DataAccounting: Codable, Sendable, Equatable {
    /// Lines read from event or user files (CSV header lines excluded).
    public var linesRead: Int = 0
    /// Lines accepted.
    public var accepted: Int = 0
    /// Lines rejected.
    public var rejected: Int = 0
    /// Rejected lines by reason.
    public var rejectedByReason: KeyedValues<Int> = KeyedValues([])
    /// Lines dropped as repeats of an earlier event id (read = accepted + rejected + duplicates).
    public var duplicates: Int?
    /// Exposure lines of other experiments (accepted, not used).
    public var otherExperimentExposures: Int?
    /// Metric events before the unit's exposure (not counted).
    public var eventsBeforeExposure: Int?
    /// Metric events after every window that reads them (not counted).
    public var eventsOutsideWindow: Int?
    /// Metric events of users who are not units (never exposed, or excluded).
    public var eventsWithoutUnit: Int?
    /// Units analyzed.
    public var units: Int?
    /// Users excluded, by reason.
    public var excludedUnits: KeyedValues<Int>?
    /// Units whose logged variant differs from the re-assigned one.
    public var assignmentDrift: Int?
    /// Units on which drift could be checked.
    public var assignmentDriftChecked: Int?

    /// An empty accounting.
    public init() {}

    /// The share of checked units that drifted, if any were checked.
    public var assignmentDriftShare: Double? {
        guard let assignmentDrift, let assignmentDriftChecked, assignmentDriftChecked > 0 else { return nil }
        return Double(assignmentDrift) / Double(assignmentDriftChecked)
    }

    /// One line that reconciles the input (read = accepted + rejected + duplicates; units and
    /// exclusions), as `abkit aggregate` prints it and the reports show it.
    public var reconciliation: String {
        var text: String
        if linesRead == 0, accepted == 0, rejected == 0, let units = units, units > 0 {
            // A summary computed in a warehouse read no lines here: only its units are known.
            text = "computed in the warehouse: \(units) units"
        } else {
            text = "read \(linesRead) line\(linesRead == 1 ? "" : "s"): \(accepted) accepted, \(rejected) rejected"
            if !rejectedByReason.entries.isEmpty {
                text += " (" + rejectedByReason.entries.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
            }
            text += ", \(duplicates ?? 0) duplicates; \(units ?? 0) units"
        }
        if let excluded = excludedUnits, !excluded.entries.isEmpty {
            text += ", excluded " + excluded.entries.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        }
        return text
    }
}
