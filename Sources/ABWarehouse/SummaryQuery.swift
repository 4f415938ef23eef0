import ABSummary
import ABEvents

/// Writes the one query that turns an events table into per-variant sufficient statistics for
/// a ``CollectorPlan``, with the collector's semantics (ABEvents `EventCollector`):
///
/// - exposure: a unit's logged exposures (the exposure event with a variant, of this experiment
///   or naming none) give its variant and first-exposure time; units logged in more than one
///   variant are excluded; units with only variant-less (eligibility) exposures take their variant
///   from the assignments table, when there is one, and their first eligibility time;
/// - windows are inclusive, [exposure, exposure + window]; retention days are [N·24h, (M+1)·24h);
///   funnel steps count in order, and events at the same time may complete consecutive steps
///   (the step order decides, never the order of other metrics' events);
///   time to event is in whole minutes rounded up, censored at min(window end, latest event time);
/// - count and sum metrics are winsorized at pooled quantiles (linear interpolation);
/// - dimension slices take the value of the unit's earliest exposure row that has one (on equal
///   times the smaller value in code point order); the built-in `exposure_hour` is the UTC hour
///   of the unit's exposure;
/// - a `covariateWindow` measures the metric again on the unit's events in
///   [exposure − window, exposure), its CUPED covariate (Σx, Σx², Σxy per variant and slice);
/// - a `quantile` keeps each variant's distribution: one row per distinct per-unit value;
/// - the timeline metric (the primary one) is also summed by the UTC day of exposure.
///
/// Every value from the experiment file is a bound parameter and every name a quoted identifier.
/// The result has one row per metric × slice × variant (× minute or funnel depth for time to event
/// and funnels), plus distribution and timeline rows (``SummaryRow/Part``), which
/// ``WarehouseSummary`` turns into a ``SummaryFile``.
public struct SummaryQuery {
    /// The columns of every result row, in order.
    public static let resultColumns = ["part", "m", "d", "label", "variant", "k", "units", "c", "c2", "s1", "s2", "s3", "s4", "s5"]

    let plan: CollectorPlan
    let table: WarehouseTable
    let dialect: any SQLDialect
    private var p: ParameterList

    /// The query for `plan` over `table`, in `dialect`.
    public static func make(plan: CollectorPlan, table: WarehouseTable, dialect: any SQLDialect = PostgreSQLDialect()) throws -> SQLQuery {
        var builder = SummaryQuery(plan: plan, table: table, dialect: dialect, p: ParameterList(dialect: dialect))
        let text = try builder.build()
        return SQLQuery(text: text, parameters: builder.p.values)
    }

    private func q(_ name: String) -> String { dialect.quoteIdentifier(name) }
    private func type(_ t: SQLType) -> String { dialect.typeName(t) }

    /// A property of the row: a member of the JSON column, or a column of its own.
    private mutating func property(_ name: String, row: String) -> String {
        if let json = table.properties {
            return dialect.jsonMemberText("\(row).\(q(json))", key: p.text(name))
        }
        return "CAST(\(row).\(q(name)) AS \(type(.text)))"
    }

    private mutating func list(_ values: [String]) -> String {
        values.map { p.text($0) }.joined(separator: ", ")
    }

    private mutating func build() throws -> String {
        guard let exposureEvent = plan.exposureEvent else {
            throw WarehouseError.unsupported("the experiment file needs an \"exposure\": {\"event\": ...} section")
        }
        guard !plan.metrics.isEmpty else { throw WarehouseError.unsupported("the experiment file has no metrics") }
        for metric in plan.metrics {
            if case let .retention(_, first, last) = metric.kind, first < 0 || last < first {
                throw WarehouseError.unsupported("metric '\(metric.id)': retention days must satisfy 0 <= day <= throughDay")
            }
        }
        let c = table.columns
        let events = plan.metricEvents
        let values = plan.valueFields
        let dimensions = plan.dimensions
        let exposure = p.text(exposureEvent)
        let experiment = p.text(plan.experiment)
        let variants = list(plan.variants)
        var ctes: [(String, String)] = []

        // Rows of the events table that the collector would keep: a unit, an event of interest,
        // a time; exposure rows of another experiment, or with a variant not in the file, are dropped.
        var sourceColumns = [
            "CAST(e.\(q(c.user)) AS \(type(.text))) AS unit", "e.\(q(c.event)) AS event",
            "\(dialect.epochMilliseconds("e.\(q(c.timestamp))")) AS t", "e.\(q(c.variant)) AS variant",
        ]
        for (i, field) in values.enumerated() {
            let name = field == "value" ? (plan.fields.value.first ?? "value") : field
            let readers = plan.metrics.filter { $0.valueField == field }.flatMap(\.events)
            sourceColumns.append(
                "CASE WHEN e.\(q(c.event)) IN (\(list(readers))) THEN CAST(\(property(name, row: "e")) AS \(type(.double))) END AS v\(i)")
        }
        // The built-in exposure_hour comes from the exposure time, never from a property, as in the collector.
        let hourDimension = dimensions.firstIndex(of: EventCollector.exposureHourDimension)
        let attributeDimensions = dimensions.indices.filter { $0 != hourDimension }
        for i in attributeDimensions {
            sourceColumns.append("CASE WHEN e.\(q(c.event)) = \(exposure) THEN \(property(dimensions[i], row: "e")) END AS d\(i)")
        }
        let ourExposure = "e.\(q(c.event)) = \(exposure) AND (e.\(q(c.experiment)) IS NULL OR e.\(q(c.experiment)) = \(experiment))"
        ctes.append(("src", """
            SELECT \(sourceColumns.joined(separator: ",\n         "))
              FROM \(dialect.quoteQualified(table.events)) e
             WHERE e.\(q(c.event)) IN (\(list([exposureEvent] + events.filter { $0 != exposureEvent })))
               AND e.\(q(c.user)) IS NOT NULL AND CAST(e.\(q(c.user)) AS \(type(.text))) <> ''
               AND e.\(q(c.timestamp)) IS NOT NULL
               AND NOT (e.\(q(c.event)) = \(exposure) AND e.\(q(c.experiment)) IS NOT NULL AND e.\(q(c.experiment)) <> \(experiment))
               AND NOT (\(ourExposure) AND e.\(q(c.variant)) IS NOT NULL AND e.\(q(c.variant)) NOT IN (\(variants)))
            """))
        let dimensionColumns = attributeDimensions.map { ", d\($0)" }.joined()
        ctes.append(("exposure", "SELECT unit, t, variant\(dimensionColumns) FROM src WHERE event = \(exposure)"))
        ctes.append(("exposed", """
            SELECT unit, COUNT(DISTINCT variant) AS variants, MIN(variant) AS variant,
                   MIN(CASE WHEN variant IS NOT NULL THEN t END) AS logged_t,
                   MIN(CASE WHEN variant IS NULL THEN t END) AS eligible_t
              FROM exposure GROUP BY unit
            """))
        let unitsCTE: String
        if let assignments = table.assignments {
            ctes.append(("assigned", """
                SELECT CAST(a.\(q("id")) AS \(type(.text))) AS unit, MIN(a.\(q("variant"))) AS variant
                  FROM \(dialect.quoteQualified(assignments)) a
                 WHERE a.\(q("experiment")) = \(experiment) AND a.\(q("variant")) IN (\(variants))
                 GROUP BY CAST(a.\(q("id")) AS \(type(.text)))
                HAVING COUNT(DISTINCT a.\(q("variant"))) = 1
                """))
            unitsCTE = """
                SELECT x.unit, CASE WHEN x.variants = 1 THEN x.variant ELSE a.variant END AS variant,
                       CASE WHEN x.variants = 1 THEN x.logged_t ELSE x.eligible_t END AS t0
                  FROM exposed x LEFT JOIN assigned a ON a.unit = x.unit
                 WHERE x.variants = 1 OR (x.variants = 0 AND a.variant IS NOT NULL)
                """
        } else {
            unitsCTE = "SELECT unit, variant, logged_t AS t0 FROM exposed WHERE variants = 1"
        }
        ctes.append(("units", unitsCTE))
        if let i = hourDimension {
            ctes.append(("dim\(i)", "SELECT unit, \(dialect.utcHourLabel(ofMilliseconds: "t0")) AS label FROM units"))
        }
        for i in attributeDimensions {
            ctes.append(("dim\(i)", """
                SELECT unit, label FROM (
                  SELECT unit, d\(i) AS label, ROW_NUMBER() OVER (PARTITION BY unit ORDER BY t, \(dialect.binaryOrder("d\(i)"))) AS r
                    FROM exposure WHERE d\(i) IS NOT NULL) ranked
                 WHERE r = 1
                """))
        }
        let valueColumns = values.indices.map { ", s.v\($0)" }.joined()
        ctes.append(("me", """
            SELECT s.unit, s.event, s.t - u.t0 AS dt\(valueColumns)
              FROM src s JOIN units u ON u.unit = s.unit
             WHERE s.event IN (\(list(events))) AND s.t >= u.t0
            """))

        // Per unit: one aggregate per metric (two for ratios); funnels get their own chains.
        var perUnit: [String] = []
        var unitValues: [String] = []
        var joins: [String] = []
        var needsObservation = false
        for (m, metric) in plan.metrics.enumerated() {
            let window = metric.windowMilliseconds.map { p.bigint($0) }
            func within(_ event: String) -> String {
                "event = \(p.text(event))" + (window.map { " AND dt <= \($0)" } ?? "")
            }
            switch metric.kind {
            case let .conversion(e):
                perUnit.append("MAX(CASE WHEN \(within(e)) THEN 1 ELSE 0 END) AS m\(m)")
                unitValues.append("COALESCE(p.m\(m), 0) AS m\(m)")
            case let .retention(e, first, last):
                let lower = p.bigint(Int64(first) * 86_400_000), upper = p.bigint(Int64(last + 1) * 86_400_000)
                perUnit.append("MAX(CASE WHEN event = \(p.text(e)) AND dt >= \(lower) AND dt < \(upper) THEN 1 ELSE 0 END) AS m\(m)")
                unitValues.append("COALESCE(p.m\(m), 0) AS m\(m)")
            case let .count(e):
                perUnit.append("SUM(CASE WHEN \(within(e)) THEN 1 ELSE 0 END) AS m\(m)")
                unitValues.append("CAST(COALESCE(p.m\(m), 0) AS \(type(.double))) AS m\(m)")
            case let .sum(e, value), let .mean(e, value):
                let v = values.firstIndex(of: value)!
                let amount = "CASE WHEN \(within(e)) THEN v\(v) END"
                // A quantile's distribution groups equal per-unit values, so the last bit of each sum
                // matters: add in the collector's order (time, then the first value field, missing first).
                perUnit.append((metric.quantile == nil ? "SUM(\(amount))" : dialect.orderedSum(amount, orderBy: "dt, v0 NULLS FIRST")) + " AS m\(m)")
                unitValues.append("CAST(COALESCE(p.m\(m), 0) AS \(type(.double))) AS m\(m)")
            case let .ratio(numerator, denominator, value):
                let top = value.map { "SUM(CASE WHEN \(within(numerator)) THEN v\(values.firstIndex(of: $0)!) END)" }
                    ?? "SUM(CASE WHEN \(within(numerator)) THEN 1 ELSE 0 END)"
                perUnit.append("\(top) AS m\(m)")
                perUnit.append("SUM(CASE WHEN \(within(denominator)) THEN 1 ELSE 0 END) AS m\(m)_d")
                unitValues.append("CAST(COALESCE(p.m\(m), 0) AS \(type(.double))) AS m\(m)")
                unitValues.append("CAST(COALESCE(p.m\(m)_d, 0) AS \(type(.double))) AS m\(m)_d")
            case let .timeToEvent(e):
                needsObservation = true
                perUnit.append("MIN(CASE WHEN \(within(e)) THEN dt END) AS m\(m)")
                let end = window.map { "CASE WHEN o.end_t < u.t0 + \($0) THEN o.end_t ELSE u.t0 + \($0) END" } ?? "o.end_t"
                unitValues.append("CASE WHEN p.m\(m) IS NULL THEN 0 ELSE 1 END AS m\(m)_o")
                unitValues.append("""
                    CAST(CASE WHEN p.m\(m) IS NOT NULL THEN \(dialect.minutesRoundedUp("p.m\(m)"))
                         WHEN \(end) - u.t0 < 0 THEN 0
                         ELSE \(dialect.minutesRoundedUp("\(end) - u.t0")) END AS \(type(.double))) AS m\(m)
                    """)
            case let .funnel(steps):
                // Step s is reached at the earliest in-window step-s event at or after the time step
                // s − 1 was reached (same time allowed, whatever else the experiment measures), and
                // each event completes at most one step: when the funnel names an event again, its
                // occurrence number n must pass the one the earlier step took. Occurrences of one
                // event are numbered in time order, so the smallest n is also the earliest time.
                ctes.append(("f\(m)", """
                    SELECT unit, event, dt, ROW_NUMBER() OVER (PARTITION BY unit, event ORDER BY dt) AS n
                      FROM me WHERE event IN (\(list(steps)))\(window.map { " AND dt <= \($0)" } ?? "")
                    """))
                for (s, step) in steps.enumerated() {
                    let name = "f\(m)_\(s + 1)"
                    if s == 0 {
                        ctes.append((name, "SELECT unit, MIN(dt) AS t, MIN(n) AS n FROM f\(m) WHERE event = \(p.text(step)) GROUP BY unit"))
                    } else {
                        let same = steps[..<s].lastIndex(of: step).map {
                            " JOIN f\(m)_\($0 + 1) same ON same.unit = f.unit AND f.n > same.n"
                        } ?? ""
                        ctes.append((name, """
                            SELECT f.unit, MIN(f.dt) AS t, MIN(f.n) AS n
                              FROM f\(m) f JOIN f\(m)_\(s) prior ON prior.unit = f.unit AND f.dt >= prior.t\(same)
                             WHERE f.event = \(p.text(step)) GROUP BY f.unit
                            """))
                    }
                    joins.append("LEFT JOIN \(name) ON \(name).unit = u.unit")
                }
                let depth = steps.indices.reversed().map { "WHEN f\(m)_\($0 + 1).t IS NOT NULL THEN \($0 + 1)" }.joined(separator: " ")
                unitValues.append("CASE \(depth) ELSE 0 END AS m\(m)")
            }
        }
        if !perUnit.isEmpty {
            ctes.append(("per_unit", "SELECT unit,\n       \(perUnit.joined(separator: ",\n       "))\n  FROM me GROUP BY unit"))
            joins.insert("LEFT JOIN per_unit p ON p.unit = u.unit", at: 0)
        }
        if let covariates = covariates(values: values, valueColumns: valueColumns) {
            ctes += covariates.ctes
            unitValues += covariates.unitValues
            joins.append("LEFT JOIN pre_unit x ON x.unit = u.unit")
        }
        if needsObservation {
            // The end of observation: the latest event time in the table, as the collector takes
            // the latest time of every accepted line.
            ctes.append(("observation", "SELECT \(dialect.epochMilliseconds("MAX(\(q(c.timestamp)))")) AS end_t FROM \(dialect.quoteQualified(table.events))"))
            joins.append("CROSS JOIN observation o")
        }
        for i in dimensions.indices { joins.append("LEFT JOIN dim\(i) ON dim\(i).unit = u.unit") }
        let labels = dimensions.indices.map { ", dim\($0).label AS d\($0)" }.joined()
        ctes.append(("uv", """
            SELECT u.unit, u.variant, u.t0\(labels),
                   \(unitValues.joined(separator: ",\n       "))
              FROM units u
              \(joins.joined(separator: "\n  "))
            """))

        // Winsorization bounds: pooled quantiles of the per-unit values.
        for (m, metric) in plan.metrics.enumerated() {
            guard let limits = metric.winsorize, isReal(metric.kind), limits.lower != nil || limits.upper != nil else { continue }
            let lower = limits.lower.map { dialect.quantile("m\(m)", p.double($0)) } ?? "CAST(NULL AS \(type(.double)))"
            let upper = limits.upper.map { dialect.quantile("m\(m)", p.double($0)) } ?? "CAST(NULL AS \(type(.double)))"
            ctes.append(("w\(m)", "SELECT \(lower) AS lo, \(upper) AS hi FROM uv"))
        }

        var selects: [String] = []
        for (m, metric) in plan.metrics.enumerated() {
            selects.append(aggregate(m, metric))
            if metric.quantile != nil, isReal(metric.kind) { selects.append(distribution(m, metric)) }
        }
        if let id = plan.timelineMetric, let m = plan.metrics.firstIndex(where: { $0.id == id }), plan.metrics[m].isProportionOrMean {
            selects.append(timeline(m, plan.metrics[m]))
        }
        selects.append(exclusions())
        let with = ctes.map { "\($0.0) AS (\n\(indent($0.1))\n)" }.joined(separator: ",\n")
        return "WITH\n" + with + "\n" + selects.joined(separator: "\nUNION ALL\n") + "\n"
    }

    /// The CUPED covariates: each metric with a covariate window measured again, as the collector
    /// does, on the unit's events in [t0 − window, t0): whether its event happened (conversion,
    /// retention), how often (count), or the sum of its value (sum, mean). Nil when no metric has one.
    private mutating func covariates(values: [String], valueColumns: String) -> (ctes: [(String, String)], unitValues: [String])? {
        let metrics = plan.metrics.indices.filter { Self.hasCovariate(plan.metrics[$0]) }
        guard !metrics.isEmpty else { return nil }
        var events: [String] = []
        for m in metrics where !events.contains(plan.metrics[m].events[0]) { events.append(plan.metrics[m].events[0]) }
        let reach = p.bigint(metrics.compactMap { plan.metrics[$0].covariateWindowMilliseconds }.max()!)
        var ctes = [("before", """
            SELECT s.unit, s.event, u.t0 - s.t AS ago\(valueColumns)
              FROM src s JOIN units u ON u.unit = s.unit
             WHERE s.event IN (\(list(events))) AND s.t < u.t0 AND u.t0 - s.t <= \(reach)
            """)]
        var perUnit: [String] = [], unitValues: [String] = []
        for m in metrics {
            let metric = plan.metrics[m]
            let inWindow = "event = \(p.text(metric.events[0])) AND ago <= \(p.bigint(metric.covariateWindowMilliseconds!))"
            switch metric.kind {
            case let .sum(_, value), let .mean(_, value):
                perUnit.append("SUM(CASE WHEN \(inWindow) THEN v\(values.firstIndex(of: value)!) END) AS x\(m)")
            case .count: perUnit.append("SUM(CASE WHEN \(inWindow) THEN 1 ELSE 0 END) AS x\(m)")
            case .conversion, .retention: perUnit.append("MAX(CASE WHEN \(inWindow) THEN 1 ELSE 0 END) AS x\(m)")
            // No covariate window is allowed on these (MetricKind.acceptsCovariate).
            case .ratio, .funnel, .timeToEvent: continue
            }
            unitValues.append("CAST(COALESCE(x.x\(m), 0) AS \(type(.double))) AS x\(m)")
        }
        ctes.append(("pre_unit", "SELECT unit,\n       \(perUnit.joined(separator: ",\n       "))\n  FROM before GROUP BY unit"))
        return (ctes, unitValues)
    }

    /// Whether the collector measures `metric` before exposure too: a covariate window on a
    /// proportion or mean metric (the only kinds CUPED adjusts).
    static func hasCovariate(_ metric: MetricPlan) -> Bool {
        metric.covariateWindowMilliseconds != nil && metric.isProportionOrMean
    }

    private func isReal(_ kind: MetricPlan.Kind) -> Bool {
        kind.metricKind.unitValue == .real
    }

    /// A count or sum metric's per-unit value as the statistics see it: capped at the
    /// winsorization bounds, when the metric has them.
    private func realValue(_ m: Int, _ metric: MetricPlan) -> String {
        guard let limits = metric.winsorize, limits.lower != nil || limits.upper != nil else { return "m\(m)" }
        // Uncorrelated scalar subqueries: the bounds are computed once, not per row.
        let lo = "(SELECT lo FROM w\(m))", hi = "(SELECT hi FROM w\(m))"
        return "(CASE WHEN m\(m) > \(hi) THEN \(hi) WHEN m\(m) < \(lo) THEN \(lo) ELSE m\(m) END)"
    }

    /// One metric's rows: overall and per dimension value, per variant.
    private func aggregate(_ m: Int, _ metric: MetricPlan) -> String {
        let dbl = type(.double), big = type(.bigint)
        var rows = GroupedSelect(dialect: dialect, part: .statistics, m: m)
        switch metric.kind.metricKind.unitValue {
        case .binary:
            rows.c = "CAST(SUM(m\(m)) AS \(big))"
        case .real:
            let x = realValue(m, metric)
            rows.s[0] = "CAST(SUM(\(x)) AS \(dbl))"
            rows.s[1] = "CAST(SUM(\(x) * \(x)) AS \(dbl))"
        case .ratio:
            let x = "m\(m)", y = "m\(m)_d"
            rows.s = ["SUM(\(x))", "SUM(\(y))", "SUM(\(x) * \(x))", "SUM(\(y) * \(y))", "SUM(\(x) * \(y))"].map { "CAST(\($0) AS \(dbl))" }
        case .stepsReached:
            rows.keys.append("m\(m)")
            rows.k = "CAST(m\(m) AS \(dbl))"
        case .timeToEvent:
            rows.keys.append("m\(m)")
            rows.k = "CAST(m\(m) AS \(dbl))"
            rows.c = "CAST(SUM(m\(m)_o) AS \(big))"
            rows.c2 = "CAST(SUM(1 - m\(m)_o) AS \(big))"
        }
        if Self.hasCovariate(metric) {
            // Σx, Σx², Σxy of the covariate x with the value y the statistics use (0/1, or capped).
            let x = "x\(m)", y = isReal(metric.kind) ? realValue(m, metric) : "m\(m)"
            rows.s[2] = "CAST(SUM(\(x)) AS \(dbl))"
            rows.s[3] = "CAST(SUM(\(x) * \(x)) AS \(dbl))"
            rows.s[4] = "CAST(SUM(\(x) * \(y)) AS \(dbl))"
        }
        return rows.sql(from: "uv", slicedBy: plan.dimensions.count)
    }

    /// A quantile metric's distribution: units per distinct per-unit value (k), overall and per
    /// dimension value, per variant.
    private func distribution(_ m: Int, _ metric: MetricPlan) -> String {
        var rows = GroupedSelect(dialect: dialect, part: .distribution, m: m)
        rows.keys.append("y")
        rows.k = "y"
        let labels = plan.dimensions.indices.map { ", d\($0)" }.joined()
        return rows.sql(from: "(SELECT variant\(labels), \(realValue(m, metric)) AS y FROM uv) q", slicedBy: plan.dimensions.count)
    }

    /// The timeline metric by the UTC day of exposure (k, days since 1970-01-01), per variant.
    private func timeline(_ m: Int, _ metric: MetricPlan) -> String {
        let dbl = type(.double)
        var rows = GroupedSelect(dialect: dialect, part: .timeline, m: m)
        rows.keys.append("exposure_day")
        rows.k = "CAST(exposure_day AS \(dbl))"
        if isReal(metric.kind) {
            rows.s[0] = "CAST(SUM(y) AS \(dbl))"
            rows.s[1] = "CAST(SUM(y * y) AS \(dbl))"
        } else {
            rows.c = "CAST(SUM(y) AS \(type(.bigint)))"
        }
        let y = isReal(metric.kind) ? realValue(m, metric) : "m\(m)"
        return rows.sql(from: "(SELECT variant, \(dialect.utcDay(ofMilliseconds: "t0")) AS exposure_day, \(y) AS y FROM uv) q", slicedBy: 0)
    }

    /// One row with the excluded users: logged in several variants (c), and without a variant (c2).
    private func exclusions() -> String {
        let dbl = type(.double), big = type(.bigint)
        let nothing = "CAST(NULL AS \(dbl))"
        let noVariant = table.assignments == nil ? "x.variants = 0" : "x.variants = 0 AND a.variant IS NULL"
        let join = table.assignments == nil ? "" : " LEFT JOIN assigned a ON a.unit = x.unit"
        return """
            SELECT \(SummaryRow.Part.statistics.rawValue) AS part, -1 AS m, -1 AS d, CAST(NULL AS \(type(.text))) AS label, CAST(NULL AS \(type(.text))) AS variant, \(nothing) AS k,
                   CAST(COUNT(*) AS \(big)) AS units,
                   CAST(SUM(CASE WHEN x.variants > 1 THEN 1 ELSE 0 END) AS \(big)) AS c,
                   CAST(SUM(CASE WHEN \(noVariant) THEN 1 ELSE 0 END) AS \(big)) AS c2,
                   \((1...5).map { "\(nothing) AS s\($0)" }.joined(separator: ", "))
              FROM exposed x\(join)
            """
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
