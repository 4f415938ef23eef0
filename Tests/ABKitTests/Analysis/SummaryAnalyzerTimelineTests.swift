import ABSummary
import ABEvents
import Foundation
import Testing
@testable import ABKit

/// Cumulative lift by exposure day, against values computed with scipy in
/// Tests/Reference/make_timeline_reference.py (delta method: Var(v/c) ≈ v_v/c² + v²·v_c/c⁴).
@Suite("Summary analyzer: cumulative timeline")
struct SummaryAnalyzerTimelineTests {
    static func summary(_ type: StatisticShape, _ days: [SummaryDay]) -> SummaryFile {
        var summary = SummaryFile(experiment: "x", control: "a", metrics: [
            SummaryMetric(id: "m", type: .proportion, variants: [
                SummaryVariant(key: "a", units: 300, conversions: 40), SummaryVariant(key: "b", units: 305, conversions: 52),
            ]),
        ])
        summary.timeline = SummaryTimeline(metric: "m", type: type, days: days)
        return summary
    }

    func close(_ value: Double?, _ expected: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= tolerance * max(1, abs(expected))
    }

    @Test("rates: cumulative units and rates, z-test lift and interval; no lift while control has no units")
    func proportions() throws {
        let summary = Self.summary(.proportion, [
            SummaryDay(date: "2026-11-01", variants: [SummaryVariant(key: "a", units: 0, conversions: 0), SummaryVariant(key: "b", units: 5, conversions: 1)]),
            SummaryDay(date: "2026-11-02", variants: [SummaryVariant(key: "a", units: 100, conversions: 10), SummaryVariant(key: "b", units: 95, conversions: 14)]),
            SummaryDay(date: "2026-11-03", variants: [SummaryVariant(key: "a", units: 200, conversions: 30), SummaryVariant(key: "b", units: 200, conversions: 36)]),
        ])
        let timeline = try #require(try SummaryAnalyzer().analyze(summary).timeline)
        #expect(timeline.metric == "m" && timeline.type == .proportion)
        #expect(timeline.days.map(\.date) == ["2026-11-01", "2026-11-02", "2026-11-03"])
        let first = timeline.days[0]
        #expect(first.variants.map(\.units) == [0, 5])
        #expect(first.variants[0].mean == nil && first.variants[1].mean == 0.2)
        #expect(first.variants[1].relativeLift == nil && first.variants[1].relativeCi == nil)
        // Day 2: a 100/10, b 100/15; day 3: a 300/40, b 300/51.
        let expected: [(units: Int, absolute: Double, lift: Double, lower: Double, upper: Double)] = [
            (100, 0.05, 0.5, -0.6259135894148635, 1.625913589414863),
            (300, 0.03666666666666668, 0.275, -0.21175864381141168, 0.7617586438114119),
        ]
        for (day, row) in zip(timeline.days.dropFirst(), expected) {
            #expect(day.variants.map(\.units) == [row.units, row.units])
            let b = day.variants[1]
            #expect(day.variants[0].relativeLift == nil)
            #expect(b.test == .twoProportionZ)
            #expect(close(b.absoluteLift, row.absolute) && close(b.relativeLift, row.lift))
            #expect(close(b.relativeCi?.lower, row.lower) && close(b.relativeCi?.upper, row.upper))
        }
    }

    @Test("means: cumulative sums compared with Welch's t (its quantile in the interval)")
    func means() throws {
        // a: 1, 2, 3, 4 then 5, 1; b: 2, 4, 6 then 3, 5, 7.
        let summary = Self.summary(.mean, [
            SummaryDay(date: "2026-11-02", variants: [SummaryVariant(key: "a", units: 4, sum: 10, sumSquares: 30), SummaryVariant(key: "b", units: 3, sum: 12, sumSquares: 56)]),
            SummaryDay(date: "2026-11-03", variants: [SummaryVariant(key: "b", units: 3, sum: 15, sumSquares: 83), SummaryVariant(key: "a", units: 2, sum: 6, sumSquares: 26)]),
        ])
        let timeline = try #require(try SummaryAnalyzer().analyze(summary).timeline)
        let expected: [(mean: Double, absolute: Double, lift: Double, lower: Double, upper: Double)] = [
            (4, 1.5, 0.6, -1.2935559101238114, 2.4935559101238116),
            (4.5, 1.8333333333333335, 0.6875, -0.4514723179320672, 1.8264723179320672),
        ]
        for (day, row) in zip(timeline.days, expected) {
            let b = day.variants[1]
            #expect(day.variants[0].key == "a" && b.key == "b")
            #expect(b.test == .welchT)
            #expect(close(b.mean, row.mean) && close(b.absoluteLift, row.absolute) && close(b.relativeLift, row.lift))
            #expect(close(b.relativeCi?.lower, row.lower, 1e-9) && close(b.relativeCi?.upper, row.upper, 1e-9))
        }
    }

    @Test("a control rate of 0 so far gives no lift (never NaN); no timeline in, none out")
    func notComputable() throws {
        let summary = Self.summary(.proportion, [
            SummaryDay(date: "2026-11-02", variants: [SummaryVariant(key: "a", units: 50, conversions: 0), SummaryVariant(key: "b", units: 50, conversions: 3)]),
        ])
        let result = try SummaryAnalyzer().analyze(summary)
        let b = try #require(result.timeline?.days.first?.variants.last)
        #expect(b.units == 50 && b.mean == 0.06 && b.relativeLift == nil && b.relativeCi == nil)
        #expect(!(try ResultJSON.encode(result)).contains("NaN"))
        var plain = summary
        plain.timeline = nil
        #expect(try SummaryAnalyzer().analyze(plain).timeline == nil)
    }

    @Test("a summary's timeline survives JSON; bad days are named by their JSON path")
    func validation() throws {
        let good = Self.summary(.proportion, [
            SummaryDay(date: "2026-11-02", variants: [SummaryVariant(key: "a", units: 10, conversions: 1), SummaryVariant(key: "b", units: 10, conversions: 2)]),
        ])
        let data = try JSONEncoder().encode(good)
        #expect(try JSONDecoder().decode(SummaryFile.self, from: data) == good)
        var bad = good
        bad.timeline!.days.append(SummaryDay(date: "2026-11-01", variants: []))
        #expect(throws: ABKitError.self) { try bad.validate(path: "s.json") }
        do { try bad.validate(path: "s.json") } catch { #expect("\(error.localizedDescription)".contains("timeline.days[1].date")) }
        for date in ["yesterday", "2026-13-02", "2026-11-2", "2026/11/02", "2026-02-30", "2026-04-31"] {
            bad = good
            bad.timeline!.days[0].date = date
            do { try bad.validate(path: "s.json"); Issue.record("expected an error for \(date)") } catch {
                #expect(error.localizedDescription.contains("timeline.days[0].date") && error.localizedDescription.contains("got \"\(date)\""))
            }
        }
        bad = good
        bad.timeline!.days[0].variants[1].conversions = 11
        do { try bad.validate(path: "s.json"); Issue.record("expected an error") } catch {
            #expect(error.localizedDescription.contains("timeline.days[0].variants[1].conversions"))
        }
    }
}
