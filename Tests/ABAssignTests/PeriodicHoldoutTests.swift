import ABAssign
import Foundation
import Testing

@Suite("Periodic holdouts: drawn again every week, month, quarter or year (Python's calendar and GrowthBook's SDK)")
struct PeriodicHoldoutTests {
    @Test("every period's label and start agree with Python's datetime, boundaries and the millisecond before them included")
    func periodLabels() throws {
        let cases = try #require(Fixture.periodicHoldout["periods"]?.arrayValue)
        #expect(cases.count > 3000)
        let agree = Fixture.agreeing(cases) { _, c in
            let t = Int64(c["milliseconds"]!.numberValue!)
            var differences: [String] = []
            for period in RedrawPeriod.allCases {
                let index = period.index(atMilliseconds: t)
                let label = period.label(ofIndex: index), start = period.startMilliseconds(ofIndex: index)
                if label != c[period.rawValue]?.stringValue { differences.append("\(period) label \(label)") }
                if Double(start) != c["\(period.rawValue)Start"]?.numberValue { differences.append("\(period) start \(start)") }
                // Consecutive periods are consecutive indices.
                if period.index(atMilliseconds: start - 1) != index - 1 { differences.append("\(period) index before start") }
            }
            return differences.isEmpty ? nil : "\(t): \(differences)"
        }
        #expect(agree == cases.count)
    }

    @Test("the users a periodic holdout keeps out are those GrowthBook's SDK keeps out with the period's salted seed (1,200 cases)")
    func heldOutUsers() throws {
        let cases = try #require(Fixture.periodicHoldout["holdouts"]?.arrayValue)
        let agree = try Fixture.agreeing(cases) { _, c in
            let period = RedrawPeriod(rawValue: c["period"]!.stringValue!)!
            let at = Int64(c["exposedAt"]!.numberValue!), user = c["user"]!.stringValue!
            let holdout = Holdout(id: c["id"]!.stringValue!, share: c["share"]!.numberValue!, period: period, atMilliseconds: at)
            // Through an experiment drawn for another time, then for the exposure: the same answer.
            let config = try ExperimentConfig(
                key: "covered", variants: [Variant(key: "a", weight: 0.5), Variant(key: "b", weight: 0.5)],
                holdout: Holdout(id: holdout.id, share: holdout.share, period: period, atMilliseconds: 0))
            let viaConfig = config.drawn(atMilliseconds: at).assign(id: user).reason == .holdout
            let expected = c["heldOut"]!.boolValue!
            return holdout.holdsOut(user) == expected && viaConfig == expected ? nil : "\(user) \(holdout.seed): expected \(expected)"
        }
        #expect(agree == cases.count)
    }

    @Test("each quarter holds out its own share, drawn independently of the quarter before; a lasting holdout is the same every time")
    func independentDraws() throws {
        let q1 = Holdout(id: "lifecycle", share: 0.1, period: .quarter, atMilliseconds: 1_798_761_600_000)  // 2027-01-01
        let q2 = q1.drawn(atMilliseconds: 1_806_537_600_000)  // 2027-04-01
        #expect(q1.seed == "__holdout__lifecycle@2027-Q1" && q2.seed == "__holdout__lifecycle@2027-Q2")
        #expect(q1.drawn(atMilliseconds: 1_806_537_599_999) == q1)
        var first = 0, second = 0, both = 0
        for i in 0..<40_000 {
            let a = q1.holdsOut("user-\(i)"), b = q2.holdsOut("user-\(i)")
            if a { first += 1 }
            if b { second += 1 }
            if a && b { both += 1 }
        }
        // 10% each; independent draws overlap in 1% (400 ± 60 at 3 standard deviations), not 10%.
        #expect(abs(first - 4_000) < 200 && abs(second - 4_000) < 200)
        #expect(abs(both - 400) < 60, "\(both) held out in both quarters")
        let lasting = Holdout(id: "lifecycle", share: 0.1)
        #expect(lasting.drawn(atMilliseconds: 1_806_537_600_000) == lasting && lasting.seed == "__holdout__lifecycle")
    }

    @Test("a configuration made without a time keeps the draw its holdout was made with")
    func configKeepsItsHoldoutsDraw() throws {
        let q2 = Holdout(id: "lifecycle", share: 0.1, period: .quarter, atMilliseconds: 1_806_537_600_000)
        let config = try ExperimentConfig(key: "covered", variants: [Variant(key: "a", weight: 0.5), Variant(key: "b", weight: 0.5)], holdout: q2)
        #expect(config.holdout?.seed == "__holdout__lifecycle@2027-Q2")
        let drawn = try ExperimentConfig(key: "covered", variants: [Variant(key: "a", weight: 0.5), Variant(key: "b", weight: 0.5)],
                                         holdout: q2, drawnAtMilliseconds: 1_798_761_600_000)
        #expect(drawn.holdout?.seed == "__holdout__lifecycle@2027-Q1")
    }

    @Test("times at the ends of Int64 give a period, never a trap")
    func extremeTimes() {
        for period in RedrawPeriod.allCases {
            for t in [Int64.min, Int64.min + 1, -1, 0, Int64.max] {
                let index = period.index(atMilliseconds: t)
                #expect(!period.label(ofIndex: index).isEmpty)
            }
            #expect(period.index(atMilliseconds: -1) == period.index(atMilliseconds: 0) - (period == .week ? 0 : 1))
        }
    }
}
