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
