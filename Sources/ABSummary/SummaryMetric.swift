/// One metric of a summary: an experiment metric overall, one of its funnel steps or one of its
/// dimension slices, with one entry of sufficient statistics per variant.
public struct SummaryMetric: Codable, Sendable, Equatable {
    /// The id as reported: `activated_7d`, `onboarding.invited_teammate`, `activated_7d[country=US]`.
    public var id: String
    /// The kind of statistics.
    public var type: StatisticShape
    /// One entry per variant.
    public var variants: [SummaryVariant]
    /// The experiment-file metric this comes from, when it differs from `id` (funnel steps, slices).
    public var metric: String?
    /// For a funnel step: its position and basis.
    public var funnel: FunnelPosition?
    /// For a dimension slice: the attribute and its value.
    public var dimension: DimensionSlice?
    /// Mean metrics: a quantile of the per-unit values to compare from the variants' `distribution`.
    public var quantile: Double?

    /// Creates a metric.
    public init(
        id: String, type: StatisticShape, variants: [SummaryVariant], metric: String? = nil,
        funnel: FunnelPosition? = nil, dimension: DimensionSlice? = nil, quantile: Double? = nil
    ) {
        self.quantile = quantile
        self.id = id
        self.type = type
        self.variants = variants
        self.metric = metric
        self.funnel = funnel
        self.dimension = dimension
    }

    /// A metric, funnel step or slice of experiment metric `metricID`: the id is built from the
    /// funnel position and slice (one rule for the collector and the warehouse), and `metric` is
    /// set only when it differs from the id.
    public init(
        of metricID: String, type: StatisticShape, variants: [SummaryVariant], funnel: FunnelPosition? = nil,
        dimension: DimensionSlice? = nil
    ) {
        let id = (funnel?.id ?? metricID) + (dimension?.idSuffix ?? "")
        self.init(id: id, type: type, variants: variants, metric: id == metricID ? nil : metricID, funnel: funnel, dimension: dimension)
    }

    /// The experiment-file metric this comes from.
    public var sourceMetric: String { metric ?? id }
}
