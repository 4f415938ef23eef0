import ABSummary
import ABEvents
import ABKit
import Foundation
import Testing
@testable import ABWarehouse

@Suite("SQL generation: every metric type, quoted names, bound values")
struct SummaryQueryTests {
    static let injection = "x'; drop table events; --"

    /// A plan with every metric type, a dimension, and names that try to break out of the SQL.
    static func plan() -> CollectorPlan {
        CollectorPlan(
            experiment: "exp\"'", variants: ["control", "treat'ment"], exposureEvent: "signup",
            metrics: [
                MetricPlan(id: "c", kind: .conversion(event: injection), windowMilliseconds: 7 * 86_400_000),
                MetricPlan(id: "n", kind: .count(event: "open"), winsorize: (nil, 0.99)),
                MetricPlan(id: "s", kind: .sum(event: "purchase", value: "amo\"unt"), windowMilliseconds: 1000, winsorize: (0.01, 0.99)),
                MetricPlan(id: "r", kind: .ratio(numerator: "open", denominator: "sent", value: nil)),
                MetricPlan(id: "d7", kind: .retention(event: "session", firstDay: 7, lastDay: 8)),
                MetricPlan(id: "f", kind: .funnel(steps: ["a", "b", "a"]), windowMilliseconds: 86_400_000),
                MetricPlan(id: "t", kind: .timeToEvent(event: "purchase"), windowMilliseconds: 3_600_000),
            ],
            dimensions: ["country", injection])
    }

    @Test("values from the experiment file are parameters, never SQL text")
    func valuesAreBound() throws {
        let query = try SummaryQuery.make(plan: Self.plan(), table: WarehouseTable(events: "ev\"ents"))
        #expect(!query.text.contains("drop table"))
        #expect(!query.text.contains("treat'ment"))
        #expect(query.parameters.contains(.text(Self.injection)))
        #expect(query.parameters.contains(.text("exp\"'")))
        #expect(query.parameters.contains(.text("amo\"unt")))
        #expect(query.text.contains("FROM \"ev\"\"ents\" e"), "the table name is one quoted identifier")
        // Every placeholder is used and each distinct value bound once.
        for i in 1...query.parameters.count { #expect(query.text.contains("$\(i) AS")) }
        #expect(Set(query.parameters.map(PostgreSQLDialect().literal)).count == query.parameters.count)
    }

    @Test("inlined values are quoted literals, and a literal never gets rewritten")
    func inlined() throws {
        let dialect = PostgreSQLDialect()
        #expect(dialect.literal(.text(Self.injection)) == "'x''; drop table events; --'")
        #expect(dialect.quoteIdentifier("a\"b") == "\"a\"\"b\"")
        let query = SQLQuery(text: "SELECT \(dialect.parameter(1, .text)), \(dialect.parameter(2, .text))",
                             parameters: [.text("CAST($2 AS TEXT)"), .text("y")])
        #expect(query.inlined(dialect) == "SELECT 'CAST($2 AS TEXT)', 'y'")
        let full = try SummaryQuery.make(plan: Self.plan(), table: WarehouseTable(events: "events")).inlined(dialect)
        #expect(full.contains("'x''; drop table events; --'"))
        #expect(!full.contains("CAST($"))
    }

    @Test("schema-qualified tables and flat property columns")
    func tables() throws {
        let flat = try SummaryQuery.make(plan: Self.plan(), table: WarehouseTable(events: "analytics.events", properties: nil, assignments: "a.assign"))
        #expect(flat.text.contains("FROM \"analytics\".\"events\" e"))
        #expect(flat.text.contains("e.\"amo\"\"unt\""))
        #expect(flat.text.contains("FROM \"a\".\"assign\" a"))
        #expect(!flat.text.contains("->>"))
    }

    @Test("an experiment without an exposure event cannot be queried")
    func needsExposure() {
        var plan = Self.plan()
        plan.exposureEvent = nil
        #expect(throws: WarehouseError.self) { try SummaryQuery.make(plan: plan, table: WarehouseTable(events: "events")) }
    }

    @Test("rows become the collector's summary structure, missing variants and slices filled with zeros")
    func rowsToSummary() throws {
        let plan = CollectorPlan(
            experiment: "e", variants: ["a", "b"], exposureEvent: "x",
            metrics: [MetricPlan(id: "f", kind: .funnel(steps: ["s1", "s2"])), MetricPlan(id: "t", kind: .timeToEvent(event: "s1"))],
            dimensions: ["country"])
        func row(_ m: Int, _ d: Int, _ label: String?, _ v: String, k: Double, units: Int, c: Int? = nil, c2: Int? = nil) -> SummaryRow {
            SummaryRow(metricIndex: m, dimensionIndex: d, dimensionValue: label, variant: v, bucket: k, units: units, events: c, censored: c2)
        }
        let rows = [
            row(0, -1, nil, "a", k: 0, units: 5), row(0, -1, nil, "a", k: 1, units: 3), row(0, -1, nil, "a", k: 2, units: 2),
            row(0, -1, nil, "b", k: 2, units: 4), row(0, 0, "US", "a", k: 2, units: 2), row(0, 0, nil, "a", k: 0, units: 8),
            row(1, -1, nil, "a", k: 5, units: 2, c: 1, c2: 1), row(1, -1, nil, "a", k: 3, units: 1, c: 1, c2: 0),
            SummaryRow(metricIndex: -1, dimensionIndex: -1, dimensionValue: nil, variant: nil, bucket: nil, units: 20, events: 2, censored: 0),
        ]
        let summary = try WarehouseSummary.build(plan: plan, control: "a", weights: nil, rows: rows)
        #expect(summary.metrics.map(\.id) == ["f.s1", "f.s2", "f.s2.stepRate", "f.s1[country=US]", "f.s2[country=US]",
                                               "f.s2.stepRate[country=US]", "t", "t[country=US]"])
        #expect(summary.metrics[0].variants[0] == SummaryVariant(key: "a", units: 10, conversions: 5))
        #expect(summary.metrics[2].variants[0] == SummaryVariant(key: "a", units: 5, conversions: 2))
        #expect(summary.metrics[1].variants[1] == SummaryVariant(key: "b", units: 4, conversions: 4))
        #expect(summary.metrics[3].variants[1] == SummaryVariant(key: "b", units: 0, conversions: 0))
        #expect(summary.metrics[3].dimension?.value == "US" && summary.metrics[3].metric == "f")
        #expect(summary.metrics[1].funnel?.step == 2 && summary.metrics[2].funnel?.basis == .previousStep)
        let survival = try #require(summary.metrics[6].variants[0].survival)
        #expect(survival.map(\.time) == [3, 5] && summary.metrics[6].variants[0].conversions == 2)
        #expect(summary.metrics[7].variants[0] == SummaryVariant(key: "a", units: 0, conversions: 0, survival: []))
        #expect(summary.data?.units == 14)
        #expect(summary.data?.excludedUnits?["multiple-variants"] == 2)
    }

    @Test("exposure_hour from the exposure time, covariate windows as bound values, distribution and timeline selects")
    func collectorFeatures() throws {
        let day: Int64 = 86_400_000
        let plan = CollectorPlan(
            experiment: "e", variants: ["a", "b"], exposureEvent: "x",
            metrics: [
                MetricPlan(id: "n", kind: .count(event: "open"), windowMilliseconds: 1000, winsorize: (nil, 0.9),
                           covariateWindowMilliseconds: 14 * day, quantile: 0.5),
                MetricPlan(id: "c", kind: .conversion(event: "buy"), covariateWindowMilliseconds: day),
                // The collector reads no covariate for a funnel: neither does the query.
                MetricPlan(id: "f", kind: .funnel(steps: ["a"]), covariateWindowMilliseconds: 5),
                MetricPlan(id: "s", kind: .sum(event: "buy", value: "amount"), quantile: 0.9),
            ],
            dimensions: ["exposure_hour", "country"], timelineMetric: "c")
        let query = try SummaryQuery.make(plan: plan, table: WarehouseTable(events: "events"))
        #expect(!query.parameters.contains(.text("exposure_hour")), "the hour is never read from a property")
        #expect(query.parameters.contains(.text("country")))
        #expect(query.parameters.contains(.bigint(14 * day)) && query.parameters.contains(.bigint(day)))
        #expect(!query.parameters.contains(.bigint(5)))
        #expect(query.text.contains("LPAD(CAST(MOD(MOD(t0, 86400000) + 86400000, 86400000) / 3600000 AS TEXT), 2, '0')"))
        #expect(query.text.contains("SELECT 1 AS part, 0 AS metric_index"), "the count metric's distribution")
        #expect(query.text.contains("SELECT 2 AS part, 1 AS metric_index"), "the conversion metric's timeline")
        #expect(!query.text.contains("x2"), "no covariate column for the funnel")
        #expect(query.text.contains("END ORDER BY dt, v0 NULLS FIRST) AS m3"), "added in the collector's order")
        #expect(!(try SummaryQuery.make(plan: Self.plan(), table: WarehouseTable(events: "events")).text.contains("NULLS FIRST")),
                "sums without a quantile need no order")
        var withoutTimeline = plan
        withoutTimeline.timelineMetric = "f"
        #expect(!(try SummaryQuery.make(plan: withoutTimeline, table: WarehouseTable(events: "events")).text.contains("2 AS part")),
                "funnels have no timeline, as in the collector")
    }

    @Test("covariate sums, distribution rows and timeline rows become the collector's fields")
    func collectorFeatureRows() throws {
        let plan = CollectorPlan(
            experiment: "e", variants: ["a", "b"], exposureEvent: "x",
            metrics: [MetricPlan(id: "n", kind: .count(event: "open"), covariateWindowMilliseconds: 1, quantile: 0.5)],
            dimensions: ["exposure_hour"], timelineMetric: "n")
        let none: [Double?] = [nil, nil, nil, nil, nil]
        func row(_ part: SummaryRow.Part, _ d: Int, _ k: Double?, units: Int, s: [Double?]) -> SummaryRow {
            SummaryRow(
                part: part, metricIndex: 0, dimensionIndex: d, dimensionValue: d < 0 ? nil : "07", variant: "a", bucket: k, units: units,
                sumY: s[0], sumYSquared: s[1], sumX: s[2], sumXSquared: s[3], sumXY: s[4])
        }
        let rows = [
            row(.statistics, -1, nil, units: 3, s: [4, 10, 2, 4, 5]), row(.statistics, 0, nil, units: 3, s: [4, 10, 2, 4, 5]),
            row(.distribution, -1, 3, units: 1, s: none), row(.distribution, -1, 0.5, units: 2, s: none),
            row(.distribution, 0, 0.5, units: 2, s: none), row(.distribution, 0, 3, units: 1, s: none),
            row(.timeline, -1, 20_394, units: 2, s: [3, 9, nil, nil, nil]), row(.timeline, -1, 20_393, units: 1, s: [1, 1, nil, nil, nil]),
        ]
        let summary = try WarehouseSummary.build(plan: plan, control: "a", weights: nil, rows: rows)
        #expect(summary.metrics.map(\.id) == ["n", "n[exposure_hour=07]"])
        #expect(summary.metrics.allSatisfy { $0.quantile == 0.5 })
        let a = summary.metrics[0].variants[0], b = summary.metrics[0].variants[1]
        #expect(a.covariate == CovariateSums(sum: 2, sumSquares: 4, sumProducts: 5))
        #expect(b.covariate == CovariateSums(), "a variant without units has zero sums, as in the collector")
        #expect(a.distribution == [ValueCount(value: 0.5, count: 2), ValueCount(value: 3, count: 1)])
        #expect(summary.metrics[1].variants[0].distribution == a.distribution)
        #expect(b.distribution == [])
        #expect(summary.data?.units == 3, "distribution and timeline rows are not units")
        let timeline = try #require(summary.timeline)
        #expect(timeline.metric == "n" && timeline.type == .mean)
        #expect(timeline.days.map(\.date) == ["2025-11-01", "2025-11-02"])
        #expect(timeline.days[1].variants == [SummaryVariant(key: "a", units: 2, sum: 3, sumSquares: 9),
                                              SummaryVariant(key: "b", units: 0, sum: 0, sumSquares: 0)])
    }
}
