@testable import ABCommandLine
import ABSummary
import ABEvents
import ABStats
import Foundation
import Testing
@testable import ABKit
@Suite("Maturing units in the result")
struct MaturingResultTests {
    @Test("each variant's maturing count is in the result and named in a note; none, no note")
    func maturing() throws {
        func summary(_ maturing: [Int?]) -> SummaryFile {
            SummaryFile(experiment: "x", control: "a", metrics: [SummaryMetric(id: "retained_d7", type: .proportion, variants: [
                SummaryVariant(key: "a", units: 400, conversions: 120, maturing: maturing[0]),
                SummaryVariant(key: "b", units: 410, conversions: 131, maturing: maturing[1]),
            ])])
        }
        let metric = try SummaryAnalyzer().analyze(summary([12, 9])).metrics[0]
        #expect(metric.variants.map(\.maturing) == [12, 9])
        #expect(metric.notes?.contains("still maturing (window open at the end of the data, not counted yet): a 12, b 9") == true)
        #expect(TextReport().render(try SummaryAnalyzer().analyze(summary([12, 9]))).contains("a 12, b 9"))
        let none = try SummaryAnalyzer().analyze(summary([nil, 0])).metrics[0]
        #expect(none.variants.allSatisfy { $0.maturing == nil } && (none.notes ?? []).allSatisfy { !$0.contains("maturing") })
    }
}

@Suite("Metrics not measurable yet")
struct MaturingMetricTests {
    /// `activated` is measurable and far ahead; `unsubscribed` has no matured unit in b.
    func summary(unsubscribedUnits b: Int) -> SummaryFile {
        SummaryFile(experiment: "x", control: "a", weights: ["a": 0.5, "b": 0.5], metrics: [
            SummaryMetric(id: "retained_d30", type: .proportion, variants: [
                SummaryVariant(key: "a", units: 0, conversions: 0, maturing: 1000),
                SummaryVariant(key: "b", units: 0, conversions: 0, maturing: 1100),
            ]),
            SummaryMetric(id: "activated", type: .proportion, variants: [
                SummaryVariant(key: "a", units: 1000, conversions: 100),
                SummaryVariant(key: "b", units: 1100, conversions: 300),
            ]),
            SummaryMetric(id: "unsubscribed", type: .proportion, variants: [
                SummaryVariant(key: "a", units: 40, conversions: 2, maturing: 960),
                SummaryVariant(key: "b", units: b, conversions: 0, maturing: 1100 - b),
            ]),
        ])
    }

    @Test("a metric with a variant whose every unit is maturing is listed apart, not compared nor corrected for; the analysis does not fail")
    func listedApart() throws {
        let result = try SummaryAnalyzer().analyze(summary(unsubscribedUnits: 0))
        #expect(result.metrics.map(\.id) == ["activated"])
        let maturing = try #require(result.maturingMetrics)
        #expect(maturing.map(\.id) == ["retained_d30", "unsubscribed"])
        #expect(maturing[1].waiting == ["b"] && maturing[0].waiting == ["a", "b"])
        #expect(maturing[1].variants == [MaturingCount(key: "a", units: 40, maturing: 960), MaturingCount(key: "b", units: 0, maturing: 1100)])
        // Only one comparison is left, so Holm leaves its p-value as it is.
        let b = try #require(result.metrics[0].variants.last?.frequentist)
        #expect(b.adjustedPValue == b.pValue)
        // The sample-ratio check counts every exposed unit, maturing ones included (1000 vs 1100).
        #expect(result.srm?.observed.entries.map(\.value) == [1000, 1100])
        // Against the closed form of a 1-df chi-square: χ² = 2 · 50² / 1050, p = erfc(√(χ²/2)).
        let statistic = 2.0 * 50 * 50 / 1050
        #expect(abs((result.srm?.statistic ?? 0) - statistic) < 1e-12)
        #expect(abs((result.srm?.pValue ?? 0) - erfc((statistic / 2).squareRoot())) < 1e-12)
        let json = try ResultJSON.encode(result)
        #expect(json.contains("\"maturingMetrics\""))
        #expect(try JSONDecoder().decode(AnalysisResult.self, from: Data(json.utf8)).maturingMetrics == result.maturingMetrics)
        for report in [TextReport().render(result), MarkdownReport().render(result), HTMLReport().render(result)] {
            #expect(report.contains("Not measurable yet"))
            #expect(report.contains("a 40 of 1,000, b 0 of 1,100"))
        }
        // Once one unit of b has matured, the metric is compared again.
        let later = try SummaryAnalyzer().analyze(summary(unsubscribedUnits: 1))
        #expect(later.metrics.map(\.id) == ["activated", "unsubscribed"] && later.maturingMetrics?.map(\.id) == ["retained_d30"])
    }

    @Test("a decision rule on a maturing metric waits: a guardrail or the primary metric not measurable yet makes the verdict inconclusive, never ship")
    func rulesWait() throws {
        let result = try SummaryAnalyzer().analyze(summary(unsubscribedUnits: 0))
        let guardrail = DecisionPolicy.Guardrail(metric: "unsubscribed", goal: .decrease, maxRelativeChange: 0.1)
        let ships = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated")).decide(result)
        #expect(ships.verdict == .ship)
        let guarded = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", guardrails: [guardrail])).decide(result)
        #expect(guarded.verdict == .inconclusive)
        let rule = try #require(guarded.rules?.first { $0.rule == "guardrail:unsubscribed" })
        #expect(rule.status == .pending && rule.message.contains("not measurable yet") && rule.message.contains("no unit of b"))
        let primary = DecisionEngine(policy: DecisionPolicy(primaryMetric: "retained_d30", minimumUnitsPerVariant: 100)).decide(result)
        #expect(primary.verdict == .inconclusive)
        #expect(primary.rules?.first { $0.rule == "ship:retained_d30" }?.status == .pending)
        // Units are the primary metric's matured units, not another metric's.
        #expect(primary.rules?.first { $0.rule == "minimum-units" }?.message == "units: a has 0 < 100 required per variant")
        var policy = DecisionPolicy(primaryMetric: "activated")
        policy.nonInferiorityMetrics = ["unsubscribed"]
        let inferior = DecisionEngine(policy: policy).decide(result)
        #expect(inferior.rules?.first { $0.rule == "non-inferiority:unsubscribed" }?.status == .pending)
    }

    @Test("a summary that counts conversions in a variant with no matured unit is refused, naming the field")
    func inconsistentSummary() throws {
        var bad = summary(unsubscribedUnits: 0)
        bad.metrics[2].variants[1].conversions = 3
        #expect(throws: (any Error).self) { try SummaryAnalyzer().analyze(bad) }
        do { _ = try SummaryAnalyzer().analyze(bad) } catch {
            #expect("\(error)".contains("metrics[2].variants[1].conversions") && "\(error)".contains("units 0"), "\(error)")
        }
    }

    @Test("a guardrail still maturing with fewer matured units than the minimum waits, though one unit could be compared")
    func thinGuardrailWaits() throws {
        let result = try SummaryAnalyzer().analyze(summary(unsubscribedUnits: 1))
        let guardrail = DecisionPolicy.Guardrail(metric: "unsubscribed", goal: .decrease, maxRelativeChange: 0.1)
        let decision = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", guardrails: [guardrail], minimumUnitsPerVariant: 30)).decide(result)
        let rule = try #require(decision.rules?.first { $0.rule == "guardrail:unsubscribed" })
        #expect(rule.status == .pending && rule.message.contains("b has 1 units whose window has closed (1,099 still maturing) < 30"), "\(rule.message)")
        #expect(decision.verdict == .inconclusive)
    }

    @Test("funnel steps: a step rate waits with its funnel; zero units that reached the step before are no matter of time and stay an error")
    func funnelSteps() throws {
        func funnel(maturing: Int?) -> SummaryFile {
            func step(_ n: Int, _ basis: FunnelPosition.Basis, _ a: (Int, Int), _ b: (Int, Int)) -> SummaryMetric {
                var metric = SummaryMetric(id: FunnelPosition(funnel: "f", step: n, event: "e\(n)", basis: basis).id, type: .proportion, variants: [
                    SummaryVariant(key: "a", units: a.0, conversions: a.1, maturing: maturing),
                    SummaryVariant(key: "b", units: b.0, conversions: b.1, maturing: maturing),
                ])
                metric.metric = "f"
                metric.funnel = FunnelPosition(funnel: "f", step: n, event: "e\(n)", basis: basis)
                return metric
            }
            let whole = maturing == nil ? (200, 0) : (0, 0)
            return SummaryFile(experiment: "x", control: "a", metrics: [
                step(1, .exposure, (200, 40), whole), step(2, .exposure, (200, 20), whole), step(2, .previousStep, (40, 20), (0, 0)),
            ])
        }
        // Every unit of b still maturing: all three entries wait.
        let waiting = try SummaryAnalyzer().analyze(funnel(maturing: 30))
        #expect(waiting.metrics.isEmpty && waiting.maturingMetrics?.count == 3)
        // b's 200 units have matured but none reached step 1: the step rate cannot be computed, and says why.
        #expect(throws: (any Error).self) { try SummaryAnalyzer().analyze(funnel(maturing: nil)) }
        var late = funnel(maturing: nil)
        for i in late.metrics.indices { for j in late.metrics[i].variants.indices { late.metrics[i].variants[j].maturing = 30 } }
        do { _ = try SummaryAnalyzer().analyze(late) } catch {
            #expect("\(error)".contains("metrics[2]"), "\(error)")
        }
        #expect(throws: (any Error).self) { try SummaryAnalyzer().analyze(late) }
    }
}
