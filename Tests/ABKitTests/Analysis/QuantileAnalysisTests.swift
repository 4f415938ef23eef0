@testable import ABCommandLine
import ABSummary
import ABEvents
import ABStats
import Foundation
import Testing
@testable import ABKit

@Suite("Quantile metrics through the analysis")
struct QuantileAnalysisTests {
    @Test("a mean metric with a quantile compares the variants' medians from their value distributions")
    func medians() throws {
        // Control: 1..101 (median 51); variant: 11..111 (median 61), one unit each.
        let control = (1...101).map { ValueCount(value: Double($0), count: 1) }
        let variant = (11...111).map { ValueCount(value: Double($0), count: 1) }
        func entry(_ key: String, _ d: [ValueCount]) -> SummaryVariant {
            let values = d.map(\.value)
            return SummaryVariant(key: key, units: values.count, sum: values.reduce(0, +), sumSquares: values.reduce(0) { $0 + $1 * $1 }, distribution: d)
        }
        let summary = SummaryFile(experiment: "x", control: "a", metrics: [
            SummaryMetric(id: "minutes_to_open", type: .mean, variants: [entry("a", control), entry("b", variant)], quantile: 0.5),
        ])
        let result = try SummaryAnalyzer().analyze(summary)
        let a = try #require(result.metrics[0].variants[0].quantile), b = try #require(result.metrics[0].variants[1].quantile)
        #expect(a.estimate == 51 && b.estimate == 61)
        #expect(b.difference == 10)
        let direct = try QuantileComparison.difference(control: (1...101).map(Double.init), variant: (11...111).map(Double.init))
        #expect(b.ci == direct.confidenceInterval && b.pValue == direct.pValue)
        #expect(TextReport().render(result).contains("median: a 51; b 61 (+10"))
        // One-sided analyses give the quantile's one-sided p-value (the core's, checked against scipy).
        for alternative in [Alternative.greater, .less] {
            let oneSided = try SummaryAnalyzer(options: AnalysisOptions(alternative: alternative)).analyze(summary)
            let expected = try QuantileComparison.difference(
                control: (1...101).map(Double.init), variant: (11...111).map(Double.init), alternative: alternative)
            #expect(oneSided.metrics[0].variants[1].quantile?.pValue == expected.pValue)
            #expect(expected.pValue != direct.pValue)
        }
    }

    @Test("the collector keeps value distributions for metrics with a quantile, and --events equals --summary")
    func collected() throws {
        let plan = CollectorPlan(
            experiment: "exp", variants: ["a", "b"], exposureEvent: "signup",
            metrics: [MetricPlan(id: "opens", kind: .count(event: "open"), quantile: 0.5)])
        let lines = [
            #"{"user_id":"u1","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"a"}"#,
            #"{"user_id":"u1","event":"open","timestamp":"2026-11-02T01:00:00Z"}"#,
            #"{"user_id":"u1","event":"open","timestamp":"2026-11-02T02:00:00Z"}"#,
            #"{"user_id":"u2","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"a"}"#,
            #"{"user_id":"u3","event":"signup","timestamp":"2026-11-02T00:00:00Z","variant":"b"}"#,
            #"{"user_id":"u3","event":"open","timestamp":"2026-11-02T01:00:00Z"}"#,
        ]
        let collector = try EventCollector(plan: plan, rejects: try RejectWriter(path: nil))
        collector.ingest(ByteSource(bytes: Array(lines.joined(separator: "\n").utf8)))
        let result = collector.finish()
        #expect(result.metrics[0].quantile == 0.5)
        #expect(result.metrics[0].variants[0].distribution == [ValueCount(value: 0, count: 1), ValueCount(value: 2, count: 1)])
        #expect(result.metrics[0].variants[1].distribution == [ValueCount(value: 1, count: 1)])
        let summary = result.summary(control: "a", weights: nil)
        let encoded = try AggregateRunner.encode(summary)
        let decoded = try JSONDecoder().decode(SummaryFile.self, from: Data(encoded.utf8))
        #expect(decoded == summary)
    }

    @Test("a variant whose quantile difference cannot be computed does not drop the variants after it")
    func failingVariantKeepsTheOthers() throws {
        func entry(_ key: String, _ values: [Double]) -> SummaryVariant {
            SummaryVariant(
                key: key, units: values.count, sum: values.reduce(0, +), sumSquares: values.reduce(0) { $0 + $1 * $1 },
                distribution: values.map { ValueCount(value: $0, count: 1) })
        }
        // Control 1…101 (median 51), "tiny" has 3 units (too few for an order-statistic interval
        // at 95%, so its difference throws), "shifted" is 11…111 (median 61).
        let control = entry("a", (1...101).map(Double.init))
        let tiny = entry("tiny", [20, 30, 40]), shifted = entry("shifted", (11...111).map(Double.init))
        // Either order: the failing variant before or after the good one.
        for variants in [[control, tiny, shifted], [control, shifted, tiny]] {
            let summary = SummaryFile(experiment: "x", control: "a", metrics: [
                SummaryMetric(id: "minutes_to_open", type: .mean, variants: variants, quantile: 0.5),
            ])
            let metric = try SummaryAnalyzer().analyze(summary).metrics[0]
            let byKey = Dictionary(uniqueKeysWithValues: metric.variants.map { ($0.key, $0) })
            #expect(byKey["a"]?.quantile?.estimate == 51)
            let good = try #require(byKey["shifted"]?.quantile)
            #expect(good.estimate == 61 && good.difference == 10 && good.pValue != nil)
            #expect(byKey["tiny"]?.quantile == nil)
            let notes = metric.notes ?? []
            #expect(notes.count == 1 && notes[0].contains("tiny"), "\(notes)")
        }
    }
}
