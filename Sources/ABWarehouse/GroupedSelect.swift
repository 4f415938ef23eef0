/// One SELECT of a ``SummaryQuery``: result rows (``SummaryQuery/resultColumns``) grouped by
/// variant and any extra keys, overall and per dimension value through GROUPING SETS.
struct GroupedSelect {
    let dialect: any SQLDialect
    /// What the rows hold.
    let part: SummaryRow.Part
    /// The plan metric's index.
    let metricIndex: Int
    /// The grouping keys besides the dimension: the variant, then minutes, depth, value or day.
    var keys = ["variant"]
    /// The `units` column: the group's rows, unless a part counts only some of them.
    var units: String?
    /// The expressions of the result columns (NULL when unused).
    var bucket: String
    var events: String
    var censored: String
    var sumY: String
    var sumYSquared: String
    var sumX: String
    var sumXSquared: String
    var sumXY: String

    init(dialect: any SQLDialect, part: SummaryRow.Part, metricIndex: Int) {
        self.dialect = dialect
        self.part = part
        self.metricIndex = metricIndex
        let nothing = "CAST(NULL AS \(dialect.typeName(.double)))", noCount = "CAST(NULL AS \(dialect.typeName(.bigint)))"
        bucket = nothing
        events = noCount
        censored = noCount
        sumY = nothing
        sumYSquared = nothing
        sumX = nothing
        sumXSquared = nothing
        sumXY = nothing
    }

    /// Σ, Σ² of the per-unit value `y` and, when given, Σ, Σ² of `x` and Σxy, as doubles.
    mutating func sums(y: String, x: String? = nil) {
        let dbl = dialect.typeName(.double)
        sumY = "CAST(SUM(\(y)) AS \(dbl))"
        sumYSquared = "CAST(SUM(\(y) * \(y)) AS \(dbl))"
        guard let x else { return }
        sumX = "CAST(SUM(\(x)) AS \(dbl))"
        sumXSquared = "CAST(SUM(\(x) * \(x)) AS \(dbl))"
        sumXY = "CAST(SUM(\(x) * \(y)) AS \(dbl))"
    }

    /// The statement over `source` (a table name or a parenthesized subquery with an alias),
    /// whose columns d0, d1, … hold the unit's label of each of `dimensions` dimensions;
    /// `ungrouped`: one row over all of `source`, without a variant.
    func sql(from source: String, slicedBy dimensions: Int, ungrouped: Bool = false) -> String {
        let text = dialect.typeName(.text)
        let d: String, label: String, groupBy: String
        if dimensions == 0 {
            d = "-1"
            label = "CAST(NULL AS \(text))"
            groupBy = keys.joined(separator: ", ")
        } else {
            let indices = 0..<dimensions
            d = "CASE " + indices.map { "WHEN GROUPING(d\($0)) = 0 THEN \($0)" }.joined(separator: " ") + " ELSE -1 END"
            label = "CASE " + indices.map { "WHEN GROUPING(d\($0)) = 0 THEN CAST(d\($0) AS \(text))" }.joined(separator: " ") + " END"
            let sets = [keys] + indices.map { keys + ["d\($0)"] }
            groupBy = "GROUPING SETS (" + sets.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: ", ") + ")"
        }
        return """
            SELECT \(part.rawValue) AS part, \(metricIndex) AS metric_index, \(d) AS dimension_index, \(label) AS dimension_value,
                   \(ungrouped ? "CAST(NULL AS \(text))" : "variant") AS variant, \(bucket) AS bucket, \(units ?? "CAST(COUNT(*) AS \(dialect.typeName(.bigint)))") AS units,
                   \(events) AS events, \(censored) AS censored, \(sumY) AS sum_y, \(sumYSquared) AS sum_y_squared,
                   \(sumX) AS sum_x, \(sumXSquared) AS sum_x_squared, \(sumXY) AS sum_xy
              FROM \(source)
            """ + (ungrouped ? "" : "\n GROUP BY \(groupBy)")
    }
}
