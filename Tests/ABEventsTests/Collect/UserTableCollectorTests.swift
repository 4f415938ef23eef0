import ABSummary
import Testing
@testable import ABEvents

@Suite("User tables: one row per unit")
struct UserTableCollectorTests {
    static let plan = CollectorPlan(
        experiment: "gate", variants: ["gate_30", "gate_40"],
        metrics: [
            MetricPlan(id: "r1", kind: .retention(event: "r1", firstDay: 1, lastDay: 1), column: "retention_1"),
            MetricPlan(id: "rounds", kind: .sum(event: "rounds", value: "value"), winsorize: (nil, 0.5), column: "sum_game_rounds"),
        ],
        fields: { var f = FieldNames(); f.user = ["userid"]; f.variant = ["version"]; return f }())

    @Test("booleans, numbers, winsorizing, duplicates, conflicting variants and bad rows")
    func table() throws {
        let csv = """
            userid,version,sum_game_rounds,retention_1,retention_7
            1,gate_30,3,False,False
            2,gate_30,10,True,False
            3,gate_40,5,TRUE,True
            4,gate_40,7,yes,False
            5,gate_40,1,maybe,False
            6,gate_50,1,True,True
            7,gate_40,x,True,True
            2,gate_30,10,True,False
            4,gate_30,7,no,False
            """
        let collector = try UserTableCollector(plan: Self.plan, rejects: try RejectWriter(path: nil))
        try collector.ingest(ByteSource(bytes: Array(csv.utf8)))
        let result = collector.finish()
        let a = result.accounting
        #expect(a.rejectedByReason == [.badBoolean: 1, .unknownVariant: 1, .nonNumericValue: 1])
        #expect(a.duplicates == 1)
        #expect(a.excludedUnits == [.multipleVariants: 1])
        #expect(a.linesRead == 9 && a.linesRead == a.accepted + a.rejected + a.duplicates)
        // Units: gate_30 = 1, 2; gate_40 = 3 (4 is in both variants).
        #expect(result.unitsPerVariant == [2, 1])
        #expect(result.metrics[0].variants.map(\.conversions) == [1, 1])
        // Rounds capped at the median of (3, 10, 5) = 5: gate_30 sums 3 + 5, gate_40 5.
        #expect(result.metrics[1].variants.map(\.sum) == [8, 5])
    }

    @Test("a covariate column adds Σx, Σx², Σxy to rates and means, per slice too; bad values reject the row")
    func covariate() throws {
        let plan = CollectorPlan(
            experiment: "gate", variants: ["gate_30", "gate_40"],
            metrics: [
                MetricPlan(id: "r1", kind: .retention(event: "r1", firstDay: 1, lastDay: 1), column: "retention_1", covariateColumn: "pre"),
                MetricPlan(id: "rounds", kind: .sum(event: "rounds", value: "value"), column: "sum_game_rounds", covariateColumn: "pre"),
                MetricPlan(id: "plain", kind: .sum(event: "rounds", value: "value"), column: "sum_game_rounds"),
            ],
            dimensions: ["country"],
            fields: { var f = FieldNames(); f.user = ["userid"]; f.variant = ["version"]; return f }())
        let csv = """
            userid,version,sum_game_rounds,retention_1,pre,country
            1,gate_30,3,false,2,US
            2,gate_30,10,true,4,DE
            3,gate_40,5,true,1,US
            4,gate_40,7,false,3,US
            5,gate_40,1,true,n/a,US
            """
        let collector = try UserTableCollector(plan: plan, rejects: try RejectWriter(path: nil))
        try collector.ingest(ByteSource(bytes: Array(csv.utf8)))
        let result = collector.finish()
        #expect(result.accounting.rejectedByReason == [.nonNumericValue: 1])
        let retention = try #require(result.metrics.first { $0.id == "r1" })
        #expect(retention.variants.map(\.covariate) == [
            CovariateSums(sum: 6, sumSquares: 20, sumProducts: 4), CovariateSums(sum: 4, sumSquares: 10, sumProducts: 1)])
        let rounds = try #require(result.metrics.first { $0.id == "rounds" })
        #expect(rounds.variants.map(\.covariate) == [
            CovariateSums(sum: 6, sumSquares: 20, sumProducts: 46), CovariateSums(sum: 4, sumSquares: 10, sumProducts: 26)])
        let us = try #require(result.metrics.first { $0.id == "rounds[country=US]" })
        #expect(us.variants.map(\.covariate) == [
            CovariateSums(sum: 2, sumSquares: 4, sumProducts: 6), CovariateSums(sum: 4, sumSquares: 10, sumProducts: 26)])
        #expect(result.metrics.first { $0.id == "plain" }?.variants.allSatisfy { $0.covariate == nil } == true)
    }

    @Test("a covariate on a ratio is refused by the plan")
    func covariateOnRatio() {
        let plan = CollectorPlan(experiment: "e", variants: ["a", "b"], metrics: [
            MetricPlan(id: "r", kind: .ratio(numerator: "n", denominator: "d", value: nil), column: "n", denominatorColumn: "d", covariateColumn: "x")])
        #expect(throws: CollectorError.self) { try UserTableCollector(plan: plan, rejects: try RejectWriter(path: nil)) }
    }

    @Test("a header without the variant column is an error naming the column")
    func missingColumn() throws {
        let collector = try UserTableCollector(plan: Self.plan, rejects: try RejectWriter(path: nil))
        #expect(throws: CollectorError.self) {
            try collector.ingest(ByteSource(bytes: Array("userid,group,sum_game_rounds,retention_1\n1,a,1,True\n".utf8), name: "t.csv"))
        }
        // The header's own line is named, blank lines before it counted.
        let late = try UserTableCollector(plan: Self.plan, rejects: try RejectWriter(path: nil))
        do {
            try late.ingest(ByteSource(bytes: Array("\n\nuserid,group,sum_game_rounds,retention_1\n1,a,1,True\n".utf8), name: "t.csv"))
            Issue.record("a header without the variant column must fail")
        } catch {
            guard case let .badInput(path, line, _, message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(path == "t.csv" && line == 3 && message.hasPrefix("the header has no variant column"), "\(line) \(message)")
        }
    }

    @Test("funnels cannot come from a user table")
    func badPlan() {
        let plan = CollectorPlan(experiment: "x", variants: ["a", "b"], metrics: [MetricPlan(id: "f", kind: .funnel(steps: ["a", "b"]), column: "f")])
        #expect(throws: CollectorError.self) { _ = try UserTableCollector(plan: plan, rejects: try RejectWriter(path: nil)) }
    }
}
