import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

/// Exposure-week cohorts: days grouped by week of first exposure, each week's lift, and
/// Cochran's Q across weeks, checked against sums written out by hand.
@Suite("Cohorts by exposure week")
struct CohortAnalysisTests {
    /// Three weeks of a rate: a strong effect in week 1 (novelty) that fades.
    private func summary(_ weeks: [(c: (Int, Int), v: (Int, Int))], daysApart: Int = 7) -> SummaryFile {
        var summary = SummaryFile(experiment: "x", control: "a", metrics: [
            SummaryMetric(id: "m", type: .proportion, variants: [
                SummaryVariant(key: "a", units: weeks.map(\.c.0).reduce(0, +), conversions: weeks.map(\.c.1).reduce(0, +)),
                SummaryVariant(key: "b", units: weeks.map(\.v.0).reduce(0, +), conversions: weeks.map(\.v.1).reduce(0, +))]),
        ])
        // Each week's units arrive on two days (its first and third), to check the grouping.
        var days: [SummaryDay] = []
        for (w, week) in weeks.enumerated() {
            let first = SummaryAnalyzer.date(SummaryAnalyzer.dayNumber("2026-11-02")! + w * daysApart)
            let third = SummaryAnalyzer.date(SummaryAnalyzer.dayNumber(first)! + 2)
            days.append(SummaryDay(date: first, variants: [
                SummaryVariant(key: "a", units: week.c.0 / 2, conversions: week.c.1 / 2), SummaryVariant(key: "b", units: week.v.0 / 2, conversions: week.v.1 / 2)]))
            days.append(SummaryDay(date: third, variants: [
                SummaryVariant(key: "a", units: week.c.0 - week.c.0 / 2, conversions: week.c.1 - week.c.1 / 2),
                SummaryVariant(key: "b", units: week.v.0 - week.v.0 / 2, conversions: week.v.1 - week.v.1 / 2)]))
        }
        summary.timeline = SummaryTimeline(metric: "m", type: .proportion, days: days)
        return summary
    }

    @Test("dates count days across month and year ends")
    func dates() {
        #expect(SummaryAnalyzer.dayNumber("1970-01-01") == 0)
        #expect(SummaryAnalyzer.dayNumber("2026-12-31")! + 1 == SummaryAnalyzer.dayNumber("2027-01-01"))
        #expect(SummaryAnalyzer.date(SummaryAnalyzer.dayNumber("2028-02-28")! + 1) == "2028-02-29")
        #expect(SummaryAnalyzer.dayNumber("2026-13-01") == nil)
    }

    @Test("a fading effect: per-week lifts and Cochran's Q as written out by hand")
    func fadingEffect() throws {
        let weeks = [(c: (2000, 400), v: (2000, 520)), (c: (2000, 410), v: (2000, 430)), (c: (2000, 390), v: (2000, 400))]
        let result = try SummaryAnalyzer().analyze(summary(weeks))
        let cohorts = try #require(result.cohorts)
        #expect(cohorts.cohorts.map(\.week) == [1, 2, 3])
        #expect(cohorts.cohorts.map(\.start) == ["2026-11-02", "2026-11-09", "2026-11-16"])
        #expect(cohorts.cohorts[0].end == "2026-11-08")
        #expect(cohorts.cohorts.map { $0.variants.map(\.units) } == [[2000, 2000], [2000, 2000], [2000, 2000]])
        // By hand: Δ_i = p_v − p_c, se_i² = p_v(1 − p_v)/n + p_c(1 − p_c)/n, w = 1/se², ȳ = Σwy/Σw, Q = Σw(y − ȳ)².
        let effects = weeks.map { Double($0.v.1) / 2000 - Double($0.c.1) / 2000 }
        let variances = weeks.map { week -> Double in
            let pc = Double(week.c.1) / 2000, pv = Double(week.v.1) / 2000
            return pc * (1 - pc) / 2000 + pv * (1 - pv) / 2000
        }
        let weights = variances.map { 1 / $0 }
        let pooled = zip(weights, effects).map(*).reduce(0, +) / weights.reduce(0, +)
        let q = zip(weights, effects).map { $0 * ($1 - pooled) * ($1 - pooled) }.reduce(0, +)
        for (cohort, effect) in zip(cohorts.cohorts, effects) {
            #expect(abs(try #require(cohort.variants[1].absoluteLift) - effect) < 1e-12)
        }
        let block = try #require(cohorts.heterogeneity.first)
        #expect(block.key == "b" && block.cohorts == 3 && block.degreesOfFreedom == 2)
        #expect(abs(block.q - q) < 1e-9 * q)
        #expect(abs(block.fixedEffect - pooled) < 1e-12)
        // χ²₂ survival is exp(−Q/2).
        #expect(abs(block.pValue - exp(-q / 2)) < 1e-12)
        #expect(block.heterogeneous)
        let text = TextReport().render(result)
        #expect(text.contains("week 1 (2026-11-02 to 2026-11-08; a 2,000, b 2,000): b +6.00% pts"))
        #expect(text.contains("the effect differs between weeks"))
        #expect(HTMLReport().render(result).contains("absolute lift by week of first exposure"))
    }

    @Test("a steady effect is not flagged; a single week gives no cohorts")
    func steady() throws {
        let steady = [(c: (2000, 400), v: (2000, 440)), (c: (2000, 400), v: (2000, 442)), (c: (2000, 402), v: (2000, 440))]
        let block = try #require(try SummaryAnalyzer().analyze(summary(steady)).cohorts?.heterogeneity.first)
        #expect(!block.heterogeneous && block.pValue > 0.9)
        #expect(try SummaryAnalyzer().analyze(summary([(c: (2000, 400), v: (2000, 440))])).cohorts == nil)
    }

    @Test("a week whose comparison cannot be computed is left out with a note")
    func leftOut() throws {
        let weeks = [(c: (2000, 400), v: (2000, 440)), (c: (2000, 0), v: (2000, 0)), (c: (2000, 400), v: (2000, 450))]
        let cohorts = try #require(try SummaryAnalyzer().analyze(summary(weeks)).cohorts)
        #expect(cohorts.heterogeneity.first?.cohorts == 2)
        #expect(cohorts.notes?.contains { $0.hasPrefix("week 2, b: left out") } == true)
        #expect(cohorts.cohorts[1].variants[1].absoluteLift == nil)
    }
}
