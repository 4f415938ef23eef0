/// Per-variant sufficient statistics of one experiment: what the collector, the warehouse query
/// and a summary file exported by another tool all produce (docs/summary-file.md), and what the
/// analysis reads.
public struct SummaryFile: Codable, Sendable, Equatable {
    /// The experiment id.
    public var experiment: String
    /// The key of the control variant.
    public var control: String
    /// Configured traffic weights by variant key; when present, the SRM check runs.
    public var weights: [String: Double]?
    /// The metrics, each with one entry per variant.
    public var metrics: [SummaryMetric]
    /// How the statistics were collected, when ABKit aggregated them from events or user tables.
    public var data: DataAccounting?
    /// The primary metric by exposure day, when exposure times were known (event logs).
    public var timeline: SummaryTimeline?

    /// Creates a summary.
    public init(
        experiment: String, control: String, weights: [String: Double]? = nil, metrics: [SummaryMetric],
        data: DataAccounting? = nil, timeline: SummaryTimeline? = nil
    ) {
        self.experiment = experiment
        self.control = control
        self.weights = weights
        self.metrics = metrics
        self.data = data
        self.timeline = timeline
    }

    /// Variant keys in the order of the first metric (JSON objects have no order).
    public var variantKeys: [String] { metrics.first?.variants.map(\.key) ?? [] }
}
