import ABEvents
import ABKit
import ABSummary
import ABWarehouse
import Foundation
import Testing

/// Every metric kind, end to end: declared in an experiment file, collected from an event log,
/// written as SQL for the warehouse, carried by a summary file and analyzed. The kinds come from
/// `MetricKind.allCases` and their declarations from an exhaustive switch, so a new kind fails
/// to compile here until it is declared, and fails at run time until every layer handles it.
@Suite("Metric kinds: collector, SQL, summary file and analyzer all support each")
struct MetricKindParityTests {
    /// The experiment-file declaration of one metric of `kind`, reading events e1–e3 and `amount`.
    static func declaration(_ kind: MetricKind) -> String {
        switch kind {
        case .conversion: #"{"id": "m", "type": "conversion", "event": "e1", "window": "P7D"}"#
        case .count: #"{"id": "m", "type": "count", "event": "e1", "quantile": 0.5}"#
        case .sum: #"{"id": "m", "type": "sum", "event": "e1", "value": "amount", "winsorize": {"upper": 0.9}}"#
        case .mean: #"{"id": "m", "type": "mean", "event": "e1", "value": "amount"}"#
        case .ratio: #"{"id": "m", "type": "ratio", "numerator": "e1", "denominator": "e2"}"#
        case .retention: #"{"id": "m", "type": "retention", "event": "e1", "day": 1}"#
        case .funnel: #"{"id": "m", "type": "funnel", "steps": ["e2", "e1", "e3"]}"#
        case .timeToEvent: #"{"id": "m", "type": "timeToEvent", "event": "e1", "window": "P3D"}"#
        }
    }

    static func experiment(_ kind: MetricKind) -> String {
        """
        {"id": "parity", "variants": [{"key": "a", "weight": 0.5}, {"key": "b", "weight": 0.5}],
         "exposure": {"event": "expose"}, "dimensions": ["country"],
         "metrics": [\(declaration(kind))]}
        """
    }

    /// 60 units over two variants, each with a few metric events at varied times and amounts.
    static func events() -> String {
        var lines: [String] = []
        for u in 0..<60 {
            let variant = u % 2 == 0 ? "a" : "b", country = u % 3 == 0 ? "US" : "DE"
            lines.append(#"{"user_id":"u\#(u)","event":"expose","timestamp":"2026-11-02T00:00:00Z","variant":"\#(variant)","country":"\#(country)"}"#)
            for (k, event) in ["e2", "e1", "e3", "e1"].enumerated() where (u / 2 + k) % (k + 2) != 0 {
                let hours = 1 + (u * 7 + k * 13) % 40
                lines.append(#"{"user_id":"u\#(u)","event":"\#(event)","timestamp":"2026-11-0\#(2 + hours / 24)T\#(String(format: "%02d", hours % 24)):00:00Z","amount":\#(u % 9 + k)}"#)
            }
        }
        // A later line of another event: every window has closed by the end of the data, so no unit is maturing.
        lines.append(#"{"user_id":"late","event":"heartbeat","timestamp":"2026-11-20T00:00:00Z"}"#)
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("each metric kind", arguments: MetricKind.allCases)
    func everyLayer(kind: MetricKind) throws {
        let spec = try ExperimentSpec.parse(Data(Self.experiment(kind).utf8))
        let plan = try spec.collectorPlan()
        #expect(plan.metrics[0].kind.metricKind == kind)

        let collector = try EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(Self.events().utf8)))
        let collected = collector.finish()
        #expect(collected.accounting.rejected == 0 && collected.accounting.units == 60)
        let own = collected.metrics.filter { $0.sourceMetric == "m" }
        #expect(!own.isEmpty && own.allSatisfy { $0.type == kind.shape })
        #expect(own.contains { $0.dimension == DimensionSlice(name: "country", value: "US") })
        if kind.acceptsQuantile { #expect(own[0].quantile == nil || own[0].variants.allSatisfy { $0.distribution != nil }) }

        let query = try SummaryQuery.make(plan: plan, table: WarehouseTable(events: "events"), dialect: PostgreSQLDialect())
        #expect(query.text.contains("SELECT") && query.parameters.contains(.text("e1")))

        let summary = collected.summary(control: "a", weights: ["a": 0.5, "b": 0.5])
        let decoded = try JSONDecoder().decode(SummaryFile.self, from: JSONEncoder().encode(summary))
        #expect(decoded == summary)
        try decoded.validate(path: "parity.summary.json")

        let result = try SummaryAnalyzer().analyze(decoded)
        #expect(result.metrics.count == own.count)
        for metric in result.metrics {
            #expect(metric.type == kind.shape)
            #expect(metric.variants.count == 2)
        }
    }
}
