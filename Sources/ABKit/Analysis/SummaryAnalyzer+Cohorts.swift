import ABEvents
import ABSummary
import ABStats
import Foundation

extension SummaryAnalyzer {
    /// The timeline metric's effect per exposure-week cohort and Cochran's Q across cohorts, per
    /// variant. Needs a timeline spanning at least two weeks; a cohort whose comparison cannot be
    /// computed (too few units, no conversions) is left out of the test with a note.
    func cohorts(of summary: SummaryFile, cohortDays: Int = 7) -> CohortResult? {
        guard let timeline = summary.timeline, let first = timeline.days.first.flatMap({ Self.dayNumber($0.date) }) else { return nil }
        let keys = [summary.control] + summary.variantKeys.filter { $0 != summary.control }
        var weeks: [Int: (start: String, end: String, totals: [SummaryVariant])] = [:]
        for day in timeline.days {
            guard let number = Self.dayNumber(day.date) else { continue }
            let week = (number - first) / cohortDays
            var entry = weeks[week] ?? (
                start: Self.date(first + week * cohortDays), end: Self.date(first + week * cohortDays + cohortDays - 1),
                totals: keys.map { SummaryVariant(key: $0, units: 0, conversions: 0, sum: 0, sumSquares: 0) })
            for variant in day.variants {
                guard let v = keys.firstIndex(of: variant.key) else { continue }
                entry.totals[v].units += variant.units
                entry.totals[v].conversions! += variant.conversions ?? 0
                entry.totals[v].sum! += variant.sum ?? 0
                entry.totals[v].sumSquares! += variant.sumSquares ?? 0
            }
            weeks[week] = entry
        }
        guard weeks.count >= 2 else { return nil }
        var notes: [String] = []
        var cohorts: [CohortResult.Cohort] = []
        var comparisons = Array(repeating: [ABStats.ComparisonResult](), count: keys.count)
        for week in weeks.keys.sorted() {
            let entry = weeks[week]!
            let statistics = entry.totals.map { try? $0.statistics(for: timeline.type) }
            var variants: [CohortVariant] = []
            for v in keys.indices {
                var cell = CohortVariant(key: keys[v], units: entry.totals[v].units)
                if let stats = statistics[v], stats.units > 0, stats.estimate.isFinite { cell.mean = stats.estimate }
                if v > 0 {
                    do {
                        guard let control = statistics[0], let variant = statistics[v] else {
                            throw StatsError.notComputable(test: "comparison", reason: "a group has no units")
                        }
                        let comparison = try rateOrMeanComparison(control: control, variant: variant)
                        guard comparison.standardError.isFinite, comparison.standardError > 0, comparison.absoluteDifference.isFinite else {
                            throw StatsError.notComputable(test: "comparison", reason: "the difference has no standard error")
                        }
                        cell.absoluteLift = comparison.absoluteDifference
                        cell.standardError = comparison.standardError
                        cell.ci = comparison.confidenceInterval
                        cell.relativeLift = comparison.relativeLift.flatMap { $0.isFinite ? $0 : nil }
                        comparisons[v].append(comparison)
                    } catch let error as StatsError {
                        notes.append("week \(week + 1), \(keys[v]): left out (\(error.localizedDescription))")
                    } catch {
                        notes.append("week \(week + 1), \(keys[v]): left out")
                    }
                }
                variants.append(cell)
            }
            cohorts.append(CohortResult.Cohort(week: week + 1, start: entry.start, end: entry.end, variants: variants))
        }
        var blocks: [CohortHeterogeneityBlock] = []
        for v in keys.indices.dropFirst() {
            guard comparisons[v].count >= 2 else {
                notes.append("\(keys[v]): fewer than 2 cohorts with a comparison, so no heterogeneity test")
                continue
            }
            do {
                let test = try CohortHeterogeneity(comparisons: comparisons[v])
                blocks.append(CohortHeterogeneityBlock(
                    key: keys[v], cohorts: test.cohorts, q: test.q, degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue,
                    iSquared: test.iSquared, tauSquared: test.tauSquared, fixedEffect: test.fixedEffect,
                    fixedEffectStandardError: test.fixedEffectStandardError, randomEffect: test.randomEffect,
                    randomEffectStandardError: test.randomEffectStandardError, heterogeneous: test.pValue < options.alpha))
            } catch let error as StatsError {
                notes.append("\(keys[v]) (heterogeneity): \(error.localizedDescription)")
            } catch {
                notes.append("\(keys[v]) (heterogeneity): not computable")
            }
        }
        return CohortResult(
            metric: timeline.metric, type: timeline.type, cohortDays: cohortDays, cohorts: cohorts, heterogeneity: blocks,
            notes: notes.isEmpty ? nil : notes)
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date, read by the events' timestamp parser; nil when malformed.
    static func dayNumber(_ date: String) -> Int? {
        var text = date
        return text.withUTF8 { TimestampParsing.milliseconds($0, isNumber: false) }.map { Int(UTCDay.day(ofMilliseconds: $0)) }
    }

    /// The `YYYY-MM-DD` date of a day number (the inverse of `dayNumber`).
    static func date(_ day: Int) -> String { UTCDay.date(ofDay: Int64(day)) }
}
