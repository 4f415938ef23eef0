import ABSummary
import ABEvents

extension ExperimentSpec {
    /// The collector plan for this experiment: variants, exposure event, re-assignment config,
    /// metrics, dimensions and field names; the primary metric is also collected by exposure day.
    public func collectorPlan() throws -> CollectorPlan {
        var fields = FieldNames()
        for (field, name) in source.fields.sorted(by: { $0.key < $1.key }) {
            try fields.override(field, with: name)
        }
        return CollectorPlan(
            experiment: id, variants: variants.map(\.key), exposureEvent: exposure?.event,
            assigner: try assignmentConfig(), metrics: metrics.map(\.collectorMetric),
            dimensions: dimensions, fields: fields, observationEnd: analysis.observationEnd, timelineMetric: primaryMetric?.id)
    }
}

extension MetricSpec {
    /// What the collector computes for this metric.
    var collectorMetric: MetricPlan {
        let kind: MetricPlan.Kind
        let e = event ?? column ?? id
        switch type {
        case .conversion: kind = .conversion(event: e)
        case .count: kind = .count(event: e)
        case .sum: kind = .sum(event: e, value: value ?? "value")
        case .mean: kind = .mean(event: e, value: value ?? "value")
        case .retention: kind = .retention(event: e, firstDay: day ?? 0, lastDay: throughDay ?? day ?? 0)
        case .funnel: kind = .funnel(steps: steps ?? [])
        case .ratio: kind = .ratio(numerator: numerator ?? column ?? id, denominator: denominator ?? denominatorColumn ?? id, value: value)
        case .timeToEvent: kind = .timeToEvent(event: e)
        }
        return MetricPlan(
            id: id, kind: kind, windowMilliseconds: window.map { Int64(($0.seconds * 1000).rounded()) },
            winsorize: winsorize.map { ($0.lower, $0.upper) }, column: column, denominatorColumn: denominatorColumn,
            covariateColumn: covariateColumn,
            covariateWindowMilliseconds: covariateWindow.map { Int64(($0.seconds * 1000).rounded()) }, quantile: quantile,
            floor: winsorize?.floor)
    }
}
