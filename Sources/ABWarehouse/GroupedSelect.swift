/// One SELECT of a ``SummaryQuery``: result rows (``SummaryQuery/resultColumns``) grouped by
/// variant and any extra keys, overall and per dimension value through GROUPING SETS.
struct GroupedSelect {
    let dialect: any SQLDialect
    /// What the rows hold.
    let part: SummaryRow.Part
    /// The plan metric's index.
    let m: Int
    /// The grouping keys besides the dimension: the variant, then minutes, depth, value or day.
    var keys = ["variant"]
    /// The expressions of the columns k, c, c2 and s1–s5 (NULL when unused); units counts the group.
    var k: String
    var c: String
    var c2: String
    var s: [String]

    init(dialect: any SQLDialect, part: SummaryRow.Part, m: Int) {
        self.dialect = dialect
        self.part = part
        self.m = m
        let nothing = "CAST(NULL AS \(dialect.typeName(.double)))", noCount = "CAST(NULL AS \(dialect.typeName(.bigint)))"
        k = nothing
        c = noCount
        c2 = noCount
        s = [String](repeating: nothing, count: 5)
    }

    /// The statement over `source` (a table name or a parenthesized subquery with an alias),
    /// whose columns d0, d1, … hold the unit's label of each of `dimensions` dimensions.
    func sql(from source: String, slicedBy dimensions: Int) -> String {
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
            SELECT \(part.rawValue) AS part, \(m) AS m, \(d) AS d, \(label) AS label, variant, \(k) AS k,
                   CAST(COUNT(*) AS \(dialect.typeName(.bigint))) AS units, \(c) AS c, \(c2) AS c2,
                   \(s.enumerated().map { "\($0.element) AS s\($0.offset + 1)" }.joined(separator: ", "))
              FROM \(source)
             GROUP BY \(groupBy)
            """
    }
}
