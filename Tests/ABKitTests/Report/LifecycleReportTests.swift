import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

@Suite("Reports: assignment drift and time to event")
struct LifecycleReportTests {
    private func rates() throws -> AnalysisResult {
        try SummaryAnalyzer().analyze(SummaryFile(experiment: "e", control: "a", metrics: [
            SummaryMetric(id: "m", type: .proportion, variants: [
                SummaryVariant(key: "a", units: 1000, conversions: 200), SummaryVariant(key: "b", units: 1000, conversions: 210)])]))
    }

    @Test("assignment drift is shown in every format whenever a checked unit drifted, limit or not")
    func drift() throws {
        var result = try rates()
        result.data.assignmentDrift = 12
        result.data.assignmentDriftChecked = 4000
        let sentence = "Assignment drift: 12 of 4,000 checked units (0.30%) were logged in a variant other than the one assignment gives them"
        #expect(TextReport().render(result).contains(sentence))
        #expect(MarkdownReport().render(result).contains("> [!WARNING]\n> \(sentence)."))
        #expect(HTMLReport().render(result).contains("<p class=\"warning\">\(sentence).</p>"))
        result.data.assignmentDrift = 0
        #expect(!TextReport().render(result).contains("Assignment drift"))
        #expect(!MarkdownReport().render(result).contains("Assignment drift"))
    }

    @Test("spans in readable units, never e-notation")
    func minutes() {
        #expect(NumberFormatting.minutes(0.75) == "45 s")
        #expect(NumberFormatting.minutes(12.5) == "12.5 min")
        #expect(NumberFormatting.minutes(90) == "90 min")
        #expect(NumberFormatting.minutes(204) == "3.4 h")
        #expect(NumberFormatting.minutes(14230) == "9.88 days")
        #expect(NumberFormatting.minutes(1_440_000) == "1000 days")
        #expect(NumberFormatting.decimal(0.01234) == "0.0123")
    }

    /// 100 units per variant; a's k-th event at 30k minutes, b's at 60k (every unit converts).
    private func survival() throws -> AnalysisResult {
        func table(_ step: Double) -> [SurvivalPoint] { (1...100).map { SurvivalPoint(time: step * Double($0), events: 1, censored: 0) } }
        return try SummaryAnalyzer().analyze(SummaryFile(experiment: "e", control: "a", metrics: [
            SummaryMetric(id: "time_to_first_project", type: .survival, variants: [
                SummaryVariant(key: "a", units: 100, survival: table(30)), SummaryVariant(key: "b", units: 100, survival: table(60))])]))
    }

    @Test("Kaplan–Meier medians with intervals in hours and days, and the curves in the JSON and the HTML")
    func medians() throws {
        let result = try survival()
        let metric = result.metrics[0]
        // S reaches exactly 1/2 at the 50th event: the median is that time (lifelines' convention).
        #expect(metric.variants.map { $0.survival?.median } == [1500, 3000])
        let text = TextReport().render(result)
        #expect(text.contains("median time to event (95% CI): a 25 h ["))
        #expect(text.contains("; b 2.08 days ["))
        #expect(!text.contains("e+0"))
        let curve = try #require(metric.variants[0].survival?.curve)
        #expect(curve.first == KaplanMeierPoint(time: 0, survival: 1))
        #expect(curve.count == 101)
        #expect(abs(curve[50].survival - 0.5) < 1e-12 && curve[50].time == 1500)
        #expect(curve.last?.survival == 0)
        let html = HTMLReport().render(result)
        #expect(html.contains("share of units without the event by time since exposure (Kaplan–Meier)"))
        #expect(html.contains("<path d=\"M50.00,16.00 H"))
    }

    @Test("long curves are thinned evenly to 120 steps, keeping the first and last event and the end of follow-up")
    func thinned() throws {
        let sample = try SurvivalSample(rows: (1...1000).map { LifeTableRow(time: Double($0), events: 1, censored: 0) } + [LifeTableRow(time: 2000, events: 0, censored: 5)])
        let points = SummaryAnalyzer.curvePoints(try KaplanMeierCurve(sample), followUp: 2000)
        #expect(points.count == 122)
        #expect(points[1].time == 1 && points[120].time == 1000 && points[121].time == 2000)
        #expect(points[121].survival == points[120].survival)
    }
}
