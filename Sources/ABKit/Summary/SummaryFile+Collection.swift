import ABEvents

extension SummaryFile {
    /// The summary of a collection: the same structure a warehouse export has, plus the accounting,
    /// so `abkit analyze --events` and `abkit analyze --summary` of `abkit aggregate`'s output agree.
    public init(collection: CollectionResult, control: String, weights: [String: Double]?) {
        let metrics = collection.metrics.map { metric in
            SummaryMetric(
                id: metric.id, type: SummaryMetricType(metric.statistic),
                variants: metric.variants,
                metric: metric.metric == metric.id ? nil : metric.metric, funnel: metric.funnel, dimension: metric.dimension,
                quantile: metric.quantile)
        }
        self.init(experiment: collection.experiment, control: control, weights: weights, metrics: metrics,
                  data: DataAccounting(collection.accounting))
        timeline = collection.timeline.map(SummaryTimeline.init)
    }
}

extension SummaryMetricType {
    init(_ statistic: CollectedMetric.Statistic) {
        switch statistic {
        case .proportion: self = .proportion
        case .mean: self = .mean
        case .ratio: self = .ratio
        case .survival: self = .survival
        }
    }
}

extension DataAccounting {
    /// The result JSON's `data` block from a collector's accounting.
    public init(_ a: CollectionAccounting) {
        self.init()
        linesRead = a.linesRead
        accepted = a.accepted
        rejected = a.rejected
        rejectedByReason = KeyedValues(a.rejectedByReason.sorted { $0.key < $1.key }.map { (key: $0.key.rawValue, value: $0.value) })
        duplicates = a.duplicates
        otherExperimentExposures = a.otherExperimentExposures
        eventsBeforeExposure = a.eventsBeforeExposure
        eventsOutsideWindow = a.eventsOutsideWindow
        eventsWithoutUnit = a.eventsWithoutUnit
        units = a.units
        excludedUnits = KeyedValues(a.excludedUnits.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
        assignmentDrift = a.assignmentDrift
        assignmentDriftChecked = a.assignmentDriftChecked
    }
}
