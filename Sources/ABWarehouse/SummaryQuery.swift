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
///   time to event is in whole minutes rounded up, censored at min(window end, end of observation);
/// - the end of observation is the plan's, else the latest event time in the table; a windowed
///   metric (``MetricPlan/maturityMilliseconds``) counts only units whose window has closed by then
///   (`k<m>` = 1) and counts the others as maturing;
/// - count and sum metrics are raised to their `floor`, then winsorized at pooled quantiles
///   (linear interpolation) of the units their statistics use;
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
///
/// The query is built from named parts, one per common table expression: `src` (the rows the
/// collector would keep), `exposure`/`exposed`/`units` (who is a unit, in which variant, since
/// when), `dim<i>` (each unit's slice values), `me` (metric events after exposure), one per-unit
/// value per metric kind (`per_unit`, and `f<m>_<step>` chains for funnels), `pre_unit` (CUPED
/// covariates), `uv` (one row per unit with every value), `w<m>` (winsorization bounds); then one
/// grouped SELECT per metric, distribution and timeline, and the row of excluded users.
public struct SummaryQuery {
    /// The columns of every result row, in order (``SummaryRow`` holds one row).
    public static let resultColumns = [
        "part", "metric_index", "dimension_index", "dimension_value", "variant", "bucket", "units", "events", "censored",
        "sum_y", "sum_y_squared", "sum_x", "sum_x_squared", "sum_xy",
    ]

    let plan: CollectorPlan
    let table: WarehouseTable
    let dialect: any SQLDialect
    private var p: ParameterList
    /// The common table expressions, in order.
    private var ctes: [(name: String, sql: String)] = []

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
        return "CAST(\(column(name, row: row)) AS \(type(.text)))"
    }

    /// Column `name` of the row, or NULL when the engine described the table without it (a
    /// property or an optional field no event has).
    private func column(_ name: String, row: String = "e") -> String {
        table.has(name) ? "\(row).\(q(name))" : "CAST(NULL AS \(type(.text)))"
    }

    /// How the timestamp column stores times: as described, else text for JSON and CSV files,
    /// else a timestamp (as `abkit load` creates it).
    private var timestampKind: TableColumn.Kind {
        table.described(table.columns.timestamp)?.kind ?? (table.files?.format.readsText == true ? .text : .timestamp)
    }

    /// Whether the timestamp column holds the database's times, which are tested and compared as
    /// they are (a NULL, the latest); times read from text or numbers are tested and compared once read.
    private var timeIsTyped: Bool {
        switch timestampKind {
        case .timestamp, .other: true
        case .text, .number: false
        }
    }

    /// The row's time in milliseconds since the epoch, however the table stores it: a timestamp,
    /// text (ISO 8601 or an epoch number, as in JSON and CSV files) or an epoch number.
    private func milliseconds() -> String {
        let column = "e.\(q(table.columns.timestamp))"
        switch timestampKind {
        case .timestamp, .other: return dialect.epochMilliseconds(column)
        case .text: return dialect.epochMilliseconds(ofText: column)
        case .number: return dialect.epochMilliseconds(ofNumber: column)
        }
    }

    private mutating func list(_ values: [String]) -> String {
        values.map { p.text($0) }.joined(separator: ", ")
    }

    private mutating func with(_ name: String, _ sql: String) { ctes.append((name, sql)) }

    /// The end of observation (ms since the epoch), from the `observation` CTE.
    private static let observationEnd = "(SELECT end_t FROM observation)"

    /// The built-in `exposure_hour` dimension's index: it comes from the exposure time, never from
    /// a property, as in the collector.
    private var hourDimension: Int? { plan.dimensions.firstIndex(of: EventCollector.exposureHourDimension) }
    /// The dimensions read from the exposure rows' properties.
    private var attributeDimensions: [Int] { plan.dimensions.indices.filter { $0 != hourDimension } }

    private mutating func build() throws -> String {
        let exposureEvent = try checkedExposureEvent()
        sourceRows(exposureEvent: exposureEvent)
        exposureAndUnits(exposureEvent: exposureEvent)
        dimensionValues()
        metricEvents()
        let (values, joins) = perUnitValues()
        with("uv", """
            SELECT u.unit, u.variant, u.t0\(plan.dimensions.indices.map { ", dim\($0).label AS d\($0)" }.joined()),
                   \(values.joined(separator: ",\n       "))
              FROM units u
              \(joins.joined(separator: "\n  "))
            """)
        winsorizationBounds()

        var selects: [String] = []
        for (m, metric) in plan.metrics.enumerated() {
            selects.append(statistics(m, metric))
            if metric.quantile != nil, isReal(metric.kind) { selects.append(distribution(m, metric)) }
            if metric.maturityMilliseconds != nil { selects.append(maturing(m)) }
        }
        if let id = plan.timelineMetric, let m = plan.metrics.firstIndex(where: { $0.id == id }), plan.metrics[m].isProportionOrMean {
            selects.append(timeline(m, plan.metrics[m]))
        }
        selects.append(exclusions())
        let withClause = ctes.map { "\($0.name) AS (\n\(indent($0.sql))\n)" }.joined(separator: ",\n")
        return "WITH\n" + withClause + "\n" + selects.joined(separator: "\nUNION ALL\n") + "\n"
    }

    /// The exposure event; throws for plans the query cannot express.
    private func checkedExposureEvent() throws -> String {
        guard let exposureEvent = plan.exposureEvent else {
            throw WarehouseError.unsupported("the experiment file needs an \"exposure\": {\"event\": ...} section")
        }
        guard !plan.metrics.isEmpty else { throw WarehouseError.unsupported("the experiment file has no metrics") }
        for metric in plan.metrics {
            if case let .retention(_, first, last) = metric.kind, first < 0 || last < first {
                throw WarehouseError.unsupported("metric '\(metric.id)': retention days must satisfy 0 <= day <= throughDay")
            }
        }
        return exposureEvent
    }

    /// `src`: rows of the events table that the collector would keep: a unit, an event of interest,
    /// a time; exposure rows of another experiment, or with a variant not in the file, are dropped.
    /// Each value property a metric reads becomes a column `v<i>`, each attribute dimension `d<i>`.
    private mutating func sourceRows(exposureEvent: String) {
        let c = table.columns
        let exposure = p.text(exposureEvent)
        let experiment = p.text(plan.experiment)
        let variants = list(plan.variants)
        let user = "e.\(q(c.user))", event = "e.\(q(c.event))", time = milliseconds()
        let experimentColumn = column(c.experiment), variant = column(c.variant)
        let hasTime = timeIsTyped ? "e.\(q(c.timestamp)) IS NOT NULL" : "\(time) IS NOT NULL"
        var columns = [
            "CAST(\(user) AS \(type(.text))) AS unit", "\(event) AS event", "\(time) AS t", "\(variant) AS variant",
        ]
        for (i, field) in plan.valueFields.enumerated() {
            let name = field == "value" ? (plan.fields.value.first ?? "value") : field
            let readers = plan.metrics.filter { $0.valueField == field }.flatMap(\.events)
            columns.append(
                "CASE WHEN \(event) IN (\(list(readers))) THEN CAST(\(property(name, row: "e")) AS \(type(.double))) END AS v\(i)")
        }
        for i in attributeDimensions {
            columns.append("CASE WHEN \(event) = \(exposure) THEN \(property(plan.dimensions[i], row: "e")) END AS d\(i)")
        }
        let ourExposure = "\(event) = \(exposure) AND (\(experimentColumn) IS NULL OR \(experimentColumn) = \(experiment))"
        with("src", """
            SELECT \(columns.joined(separator: ",\n         "))
              FROM \(dialect.quoteQualified(table.events)) e
             WHERE \(event) IN (\(list([exposureEvent] + plan.metricEvents.filter { $0 != exposureEvent })))
               AND \(user) IS NOT NULL AND CAST(\(user) AS \(type(.text))) <> ''
               AND \(hasTime)
               AND NOT (\(event) = \(exposure) AND \(experimentColumn) IS NOT NULL AND \(experimentColumn) <> \(experiment))
               AND NOT (\(ourExposure) AND \(variant) IS NOT NULL AND \(variant) NOT IN (\(variants)))
            """)
    }

    /// `exposure`, `exposed`, (`assigned`) and `units`: a unit's logged exposures give its variant
    /// and first-exposure time; units logged in more than one variant are excluded; units with only
    /// eligibility rows take their variant from the assignments table, when there is one.
    private mutating func exposureAndUnits(exposureEvent: String) {
        let exposure = p.text(exposureEvent)
        let experiment = p.text(plan.experiment)
        let variants = list(plan.variants)
        with("exposure", "SELECT unit, t, variant\(attributeDimensions.map { ", d\($0)" }.joined()) FROM src WHERE event = \(exposure)")
        with("exposed", """
            SELECT unit, COUNT(DISTINCT variant) AS variants, MIN(variant) AS variant,
                   MIN(CASE WHEN variant IS NOT NULL THEN t END) AS logged_t,
                   MIN(CASE WHEN variant IS NULL THEN t END) AS eligible_t
              FROM exposure GROUP BY unit
            """)
        guard let assignments = table.assignments else {
            with("units", "SELECT unit, variant, logged_t AS t0 FROM exposed WHERE variants = 1")
            return
        }
        with("assigned", """
            SELECT CAST(a.\(q("id")) AS \(type(.text))) AS unit, MIN(a.\(q("variant"))) AS variant
              FROM \(dialect.quoteQualified(assignments)) a
             WHERE a.\(q("experiment")) = \(experiment) AND a.\(q("variant")) IN (\(variants))
             GROUP BY CAST(a.\(q("id")) AS \(type(.text)))
            HAVING COUNT(DISTINCT a.\(q("variant"))) = 1
            """)
        with("units", """
            SELECT x.unit, CASE WHEN x.variants = 1 THEN x.variant ELSE a.variant END AS variant,
                   CASE WHEN x.variants = 1 THEN x.logged_t ELSE x.eligible_t END AS t0
              FROM exposed x LEFT JOIN assigned a ON a.unit = x.unit
             WHERE x.variants = 1 OR (x.variants = 0 AND a.variant IS NOT NULL)
            """)
    }

    /// `dim<i>`: each unit's value of each dimension: the UTC hour of exposure for `exposure_hour`,
    /// else the value of its earliest exposure row that has one (on equal times the smaller value
    /// in code point order).
    private mutating func dimensionValues() {
        if let i = hourDimension {
            with("dim\(i)", "SELECT unit, \(dialect.utcHourLabel(ofMilliseconds: "t0")) AS label FROM units")
        }
        for i in attributeDimensions {
            with("dim\(i)", """
                SELECT unit, label FROM (
                  SELECT unit, d\(i) AS label, ROW_NUMBER() OVER (PARTITION BY unit ORDER BY t, \(dialect.binaryOrder("d\(i)"))) AS r
                    FROM exposure WHERE d\(i) IS NOT NULL) ranked
                 WHERE r = 1
                """)
        }
    }

    private var valueColumns: String { plan.valueFields.indices.map { ", s.v\($0)" }.joined() }

    /// `me`: the units' metric events at or after exposure, with the time since exposure `dt`.
    private mutating func metricEvents() {
        with("me", """
            SELECT s.unit, s.event, s.t - u.t0 AS dt\(valueColumns)
              FROM src s JOIN units u ON u.unit = s.unit
             WHERE s.event IN (\(list(plan.metricEvents))) AND s.t >= u.t0
            """)
    }

    /// What the per-unit parts of the query add: aggregates over `me` per unit, the columns of `uv`
    /// and the joins that bring them in.
    private struct PerUnit {
        var aggregates: [String] = []
        var values: [String] = []
        var joins: [String] = []
        var needsObservationEnd = false
    }

    /// Every metric's per-unit value(s) as columns of `uv` (`m<m>`, and `m<m>_d` for a ratio's
    /// denominator, `m<m>_o` for whether a time to event was observed), with the joins they need.
    private mutating func perUnitValues() -> (values: [String], joins: [String]) {
        var parts = PerUnit()
        for (m, metric) in plan.metrics.enumerated() {
            let window = metric.windowMilliseconds.map { p.bigint($0) }
            switch metric.kind {
            case let .conversion(e): conversionValue(m, event: e, window: window, &parts)
            case let .retention(e, first, last): retentionValue(m, event: e, days: first...last, &parts)
            case let .count(e): countValue(m, metric, event: e, window: window, &parts)
            case let .sum(e, value), let .mean(e, value): sumValue(m, metric, event: e, value: value, window: window, &parts)
            case let .ratio(numerator, denominator, value):
                ratioValues(m, numerator: numerator, denominator: denominator, value: value, window: window, &parts)
            case let .timeToEvent(e): timeToEventValue(m, event: e, window: window, &parts)
            case let .funnel(steps): funnelDepth(m, steps: steps, window: window, &parts)
            }
            if let maturity = metric.maturityMilliseconds {
                // The collector's MetricPlan.isMature: the window has closed by the end of observation.
                parts.needsObservationEnd = true
                parts.values.append("CASE WHEN \(Self.observationEnd) - u.t0 >= \(p.bigint(maturity)) THEN 1 ELSE 0 END AS k\(m)")
            }
        }
        if !parts.aggregates.isEmpty {
            with("per_unit", "SELECT unit,\n       \(parts.aggregates.joined(separator: ",\n       "))\n  FROM me GROUP BY unit")
            parts.joins.insert("LEFT JOIN per_unit p ON p.unit = u.unit", at: 0)
        }
        if let covariates = covariateValues() {
            parts.values += covariates
            parts.joins.append("LEFT JOIN pre_unit x ON x.unit = u.unit")
        }
        if parts.needsObservationEnd {
            if let end = plan.observationEnd {
                with("observation", "SELECT \(p.bigint(end)) AS end_t")
            } else {
                // The end of observation: the latest event time in the table, as the collector takes
                // the latest time of every accepted line.
                let latest = timeIsTyped ? dialect.epochMilliseconds("MAX(e.\(q(table.columns.timestamp)))") : "MAX(\(milliseconds()))"
                with("observation", "SELECT \(latest) AS end_t FROM \(dialect.quoteQualified(table.events)) e")
            }
            // Read through an uncorrelated scalar subquery, computed once: as a CROSS JOIN under
            // the session's enable_nestloop = off, PostgreSQL re-ran the MAX over the whole events
            // table for every unit (14,856 units × 48,667 rows took 125 s).
        }
        for i in plan.dimensions.indices { parts.joins.append("LEFT JOIN dim\(i) ON dim\(i).unit = u.unit") }
        return (parts.values, parts.joins)
    }

    /// `event = E` within the metric's window (inclusive).
    private mutating func within(_ event: String, _ window: String?) -> String {
        "event = \(p.text(event))" + (window.map { " AND dt <= \($0)" } ?? "")
    }

    /// Conversion: 1 when the unit did the event in the window.
    private mutating func conversionValue(_ m: Int, event: String, window: String?, _ parts: inout PerUnit) {
        parts.aggregates.append("MAX(CASE WHEN \(within(event, window)) THEN 1 ELSE 0 END) AS m\(m)")
        parts.values.append("COALESCE(p.m\(m), 0) AS m\(m)")
    }

    /// Retention: 1 when the unit did the event in [first day, last day + 1) × 24 h after exposure.
    private mutating func retentionValue(_ m: Int, event: String, days: ClosedRange<Int>, _ parts: inout PerUnit) {
        let lower = p.bigint(Int64(days.lowerBound) * 86_400_000), upper = p.bigint(Int64(days.upperBound + 1) * 86_400_000)
        parts.aggregates.append("MAX(CASE WHEN event = \(p.text(event)) AND dt >= \(lower) AND dt < \(upper) THEN 1 ELSE 0 END) AS m\(m)")
        parts.values.append("COALESCE(p.m\(m), 0) AS m\(m)")
    }

    /// Count: how often the unit did the event in the window.
    private mutating func countValue(_ m: Int, _ metric: MetricPlan, event: String, window: String?, _ parts: inout PerUnit) {
        parts.aggregates.append("SUM(CASE WHEN \(within(event, window)) THEN 1 ELSE 0 END) AS m\(m)")
        parts.values.append(floored("CAST(COALESCE(p.m\(m), 0) AS \(type(.double)))", metric) + " AS m\(m)")
    }

    /// A real per-unit value raised to the metric's `floor`, when it has one (before the
    /// winsorizing bounds, which are then quantiles of the floored values, as in the collector).
    private mutating func floored(_ value: String, _ metric: MetricPlan) -> String {
        guard let floor = metric.floor else { return value }
        let bound = p.double(floor)
        return "CASE WHEN \(value) < \(bound) THEN \(bound) ELSE \(value) END"
    }

    /// Sum and mean: the sum of the event's value property in the window.
    private mutating func sumValue(_ m: Int, _ metric: MetricPlan, event: String, value: String, window: String?, _ parts: inout PerUnit) {
        let amount = "CASE WHEN \(within(event, window)) THEN v\(plan.valueFields.firstIndex(of: value)!) END"
        // A quantile's distribution groups equal per-unit values, so the last bit of each sum
        // matters: add in the collector's order (time, then the first value field, missing first).
        parts.aggregates.append((metric.quantile == nil ? "SUM(\(amount))" : dialect.orderedSum(amount, orderBy: "dt, v0 NULLS FIRST")) + " AS m\(m)")
        parts.values.append(floored("CAST(COALESCE(p.m\(m), 0) AS \(type(.double)))", metric) + " AS m\(m)")
    }

    /// Ratio: the numerator (events, or the sum of a value) and the denominator's events per unit.
    private mutating func ratioValues(
        _ m: Int, numerator: String, denominator: String, value: String?, window: String?, _ parts: inout PerUnit
    ) {
        let inNumerator = within(numerator, window)
        let top = value.map { "SUM(CASE WHEN \(inNumerator) THEN v\(plan.valueFields.firstIndex(of: $0)!) END)" }
            ?? "SUM(CASE WHEN \(inNumerator) THEN 1 ELSE 0 END)"
        parts.aggregates.append("\(top) AS m\(m)")
        parts.aggregates.append("SUM(CASE WHEN \(within(denominator, window)) THEN 1 ELSE 0 END) AS m\(m)_d")
        parts.values.append("CAST(COALESCE(p.m\(m), 0) AS \(type(.double))) AS m\(m)")
        parts.values.append("CAST(COALESCE(p.m\(m)_d, 0) AS \(type(.double))) AS m\(m)_d")
    }

    /// Time to event: whole minutes (rounded up) to the first event in the window, or to the end of
    /// observation (the window's end or the latest event time, whichever is first) when censored.
    private mutating func timeToEventValue(_ m: Int, event: String, window: String?, _ parts: inout PerUnit) {
        parts.needsObservationEnd = true
        parts.aggregates.append("MIN(CASE WHEN \(within(event, window)) THEN dt END) AS m\(m)")
        let end = window.map { "CASE WHEN \(Self.observationEnd) < u.t0 + \($0) THEN \(Self.observationEnd) ELSE u.t0 + \($0) END" } ?? Self.observationEnd
        parts.values.append("CASE WHEN p.m\(m) IS NULL THEN 0 ELSE 1 END AS m\(m)_o")
        parts.values.append("""
            CAST(CASE WHEN p.m\(m) IS NOT NULL THEN \(dialect.minutesRoundedUp("p.m\(m)"))
                 WHEN \(end) - u.t0 < 0 THEN 0
                 ELSE \(dialect.minutesRoundedUp("\(end) - u.t0")) END AS \(type(.double))) AS m\(m)
            """)
    }

    /// Funnel: how many steps the unit reached, through one CTE per step (`f<m>_<s>`).
    ///
    /// Step s is reached at the earliest in-window step-s event at or after the time step s − 1 was
    /// reached (same time allowed, whatever else the experiment measures), and each event completes
    /// at most one step: when the funnel names an event again, its occurrence number n must pass the
    /// one the earlier step took. Occurrences of one event are numbered in time order, so the
    /// smallest n is also the earliest time.
    private mutating func funnelDepth(_ m: Int, steps: [String], window: String?, _ parts: inout PerUnit) {
        with("f\(m)", """
            SELECT unit, event, dt, ROW_NUMBER() OVER (PARTITION BY unit, event ORDER BY dt) AS n
              FROM me WHERE event IN (\(list(steps)))\(window.map { " AND dt <= \($0)" } ?? "")
            """)
        for (s, step) in steps.enumerated() {
            let name = "f\(m)_\(s + 1)"
            if s == 0 {
                with(name, "SELECT unit, MIN(dt) AS t, MIN(n) AS n FROM f\(m) WHERE event = \(p.text(step)) GROUP BY unit")
            } else {
                let same = steps[..<s].lastIndex(of: step).map { " JOIN f\(m)_\($0 + 1) same ON same.unit = f.unit AND f.n > same.n" } ?? ""
                with(name, """
                    SELECT f.unit, MIN(f.dt) AS t, MIN(f.n) AS n
                      FROM f\(m) f JOIN f\(m)_\(s) prior ON prior.unit = f.unit AND f.dt >= prior.t\(same)
                     WHERE f.event = \(p.text(step)) GROUP BY f.unit
                    """)
            }
            parts.joins.append("LEFT JOIN \(name) ON \(name).unit = u.unit")
        }
        let depth = steps.indices.reversed().map { "WHEN f\(m)_\($0 + 1).t IS NOT NULL THEN \($0 + 1)" }.joined(separator: " ")
        parts.values.append("CASE \(depth) ELSE 0 END AS m\(m)")
    }

    /// `before` and `pre_unit`: each metric with a covariate window measured again, as the
    /// collector does, on the unit's events in [t0 − window, t0): whether its event happened
    /// (conversion, retention), how often (count), or the sum of its value (sum, mean). Returns the
    /// `uv` columns `x<m>`, or nil when no metric has a covariate.
    private mutating func covariateValues() -> [String]? {
        let metrics = plan.metrics.indices.filter { Self.hasCovariate(plan.metrics[$0]) }
        guard !metrics.isEmpty else { return nil }
        var events: [String] = []
        for m in metrics where !events.contains(plan.metrics[m].events[0]) { events.append(plan.metrics[m].events[0]) }
        let reach = p.bigint(metrics.compactMap { plan.metrics[$0].covariateWindowMilliseconds }.max()!)
        with("before", """
            SELECT s.unit, s.event, u.t0 - s.t AS ago\(valueColumns)
              FROM src s JOIN units u ON u.unit = s.unit
             WHERE s.event IN (\(list(events))) AND s.t < u.t0 AND u.t0 - s.t <= \(reach)
            """)
        var aggregates: [String] = [], values: [String] = []
        for m in metrics {
            let metric = plan.metrics[m]
            let inWindow = "event = \(p.text(metric.events[0])) AND ago <= \(p.bigint(metric.covariateWindowMilliseconds!))"
            switch metric.kind {
            case let .sum(_, value), let .mean(_, value):
                aggregates.append("SUM(CASE WHEN \(inWindow) THEN v\(plan.valueFields.firstIndex(of: value)!) END) AS x\(m)")
            case .count: aggregates.append("SUM(CASE WHEN \(inWindow) THEN 1 ELSE 0 END) AS x\(m)")
            case .conversion, .retention: aggregates.append("MAX(CASE WHEN \(inWindow) THEN 1 ELSE 0 END) AS x\(m)")
            // No covariate window is allowed on these (MetricKind.acceptsCovariate).
            case .ratio, .funnel, .timeToEvent: continue
            }
            values.append("CAST(COALESCE(x.x\(m), 0) AS \(type(.double))) AS x\(m)")
        }
        with("pre_unit", "SELECT unit,\n       \(aggregates.joined(separator: ",\n       "))\n  FROM before GROUP BY unit")
        return values
    }

    /// `w<m>`: winsorization bounds, pooled quantiles of the per-unit values.
    private mutating func winsorizationBounds() {
        for (m, metric) in plan.metrics.enumerated() {
            guard let limits = metric.winsorize, isReal(metric.kind), limits.lower != nil || limits.upper != nil else { continue }
            let lower = limits.lower.map { dialect.quantile("m\(m)", p.double($0)) } ?? "CAST(NULL AS \(type(.double)))"
            let upper = limits.upper.map { dialect.quantile("m\(m)", p.double($0)) } ?? "CAST(NULL AS \(type(.double)))"
            with("w\(m)", "SELECT \(lower) AS lo, \(upper) AS hi FROM \(counted(m, metric))")
        }
    }

    /// The rows of `uv` a metric's statistics use: for a windowed metric, the units whose window
    /// has closed (a subquery with the same columns), else all of `uv`.
    private func counted(_ m: Int, _ metric: MetricPlan) -> String {
        metric.maturityMilliseconds == nil ? "uv" : "(SELECT * FROM uv WHERE k\(m) = 1) c\(m)"
    }

    /// A windowed metric's maturing units: how many per variant, overall and per dimension value.
    private func maturing(_ m: Int) -> String {
        GroupedSelect(dialect: dialect, part: .maturing, metricIndex: m)
            .sql(from: "(SELECT * FROM uv WHERE k\(m) = 0) q", slicedBy: plan.dimensions.count)
    }

    /// Whether the collector measures `metric` before exposure too: a covariate window on a
    /// proportion or mean metric (the only kinds CUPED adjusts).
    static func hasCovariate(_ metric: MetricPlan) -> Bool {
        metric.covariateWindowMilliseconds != nil && metric.isProportionOrMean
    }

    private func isReal(_ kind: MetricPlan.Kind) -> Bool {
        kind.metricKind.unitValue == .real
    }

    /// A real-valued metric's per-unit value as the statistics see it: capped at the
    /// winsorization bounds, when the metric has them.
    private func realValue(_ m: Int, _ metric: MetricPlan) -> String {
        guard let limits = metric.winsorize, limits.lower != nil || limits.upper != nil else { return "m\(m)" }
        // Uncorrelated scalar subqueries: the bounds are computed once, not per row.
        let lo = "(SELECT lo FROM w\(m))", hi = "(SELECT hi FROM w\(m))"
        return "(CASE WHEN m\(m) > \(hi) THEN \(hi) WHEN m\(m) < \(lo) THEN \(lo) ELSE m\(m) END)"
    }

    /// One metric's statistics rows: overall and per dimension value, per variant.
    private func statistics(_ m: Int, _ metric: MetricPlan) -> String {
        let dbl = type(.double), big = type(.bigint)
        var rows = GroupedSelect(dialect: dialect, part: .statistics, metricIndex: m)
        let covariate = Self.hasCovariate(metric) ? "x\(m)" : nil
        switch metric.kind.metricKind.unitValue {
        case .binary:
            rows.events = "CAST(SUM(m\(m)) AS \(big))"
            if let covariate {
                // Σx, Σx², Σxy of the covariate x with the 0/1 value y.
                rows.sumX = "CAST(SUM(\(covariate)) AS \(dbl))"
                rows.sumXSquared = "CAST(SUM(\(covariate) * \(covariate)) AS \(dbl))"
                rows.sumXY = "CAST(SUM(\(covariate) * m\(m)) AS \(dbl))"
            }
        case .real:
            rows.sums(y: realValue(m, metric), x: covariate)
        case .ratio:
            rows.sums(y: "m\(m)", x: "m\(m)_d")
        case .stepsReached:
            rows.keys.append("m\(m)")
            rows.bucket = "CAST(m\(m) AS \(dbl))"
        case .timeToEvent:
            rows.keys.append("m\(m)")
            rows.bucket = "CAST(m\(m) AS \(dbl))"
            rows.events = "CAST(SUM(m\(m)_o) AS \(big))"
            rows.censored = "CAST(SUM(1 - m\(m)_o) AS \(big))"
        }
        return rows.sql(from: counted(m, metric), slicedBy: plan.dimensions.count)
    }

    /// A quantile metric's distribution: units per distinct per-unit value (`bucket`), overall and
    /// per dimension value, per variant.
    private func distribution(_ m: Int, _ metric: MetricPlan) -> String {
        var rows = GroupedSelect(dialect: dialect, part: .distribution, metricIndex: m)
        rows.keys.append("y")
        rows.bucket = "y"
        let labels = plan.dimensions.indices.map { ", d\($0)" }.joined()
        return rows.sql(from: "(SELECT variant\(labels), \(realValue(m, metric)) AS y FROM \(counted(m, metric))) q", slicedBy: plan.dimensions.count)
    }

    /// The timeline metric by the UTC day of exposure (`bucket`, days since 1970-01-01), per variant;
    /// `units` counts the units whose window has closed (`k` = 1, whose `y` alone is summed) and
    /// `censored` the maturing ones.
    private func timeline(_ m: Int, _ metric: MetricPlan) -> String {
        var rows = GroupedSelect(dialect: dialect, part: .timeline, metricIndex: m)
        let big = type(.bigint)
        rows.keys.append("exposure_day")
        rows.bucket = "CAST(exposure_day AS \(type(.double)))"
        rows.units = "CAST(SUM(k) AS \(big))"
        rows.censored = "CAST(SUM(1 - k) AS \(big))"
        if isReal(metric.kind) {
            rows.sums(y: "y")
        } else {
            rows.events = "CAST(SUM(y) AS \(big))"
        }
        let value = isReal(metric.kind) ? realValue(m, metric) : "m\(m)"
        let k = metric.maturityMilliseconds == nil ? "1" : "k\(m)"
        return rows.sql(
            from: "(SELECT variant, \(dialect.utcDay(ofMilliseconds: "t0")) AS exposure_day, CASE WHEN \(k) = 1 THEN \(value) END AS y, \(k) AS k FROM uv) q",
            slicedBy: 0)
    }

    /// One row with the excluded users: logged in several variants (`events`), and without a
    /// variant (`censored`).
    private func exclusions() -> String {
        let big = type(.bigint)
        let noVariant = table.assignments == nil ? "x.variants = 0" : "x.variants = 0 AND a.variant IS NULL"
        let join = table.assignments == nil ? "" : " LEFT JOIN assigned a ON a.unit = x.unit"
        var rows = GroupedSelect(dialect: dialect, part: .statistics, metricIndex: -1)
        rows.events = "CAST(SUM(CASE WHEN x.variants > 1 THEN 1 ELSE 0 END) AS \(big))"
        rows.censored = "CAST(SUM(CASE WHEN \(noVariant) THEN 1 ELSE 0 END) AS \(big))"
        return rows.sql(from: "exposed x\(join)", slicedBy: 0, ungrouped: true)
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
