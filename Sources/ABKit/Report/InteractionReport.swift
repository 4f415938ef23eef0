/// `abkit interactions` as text: the overlap, then per metric the cell means, each contrast
/// with its interval, and the joint test's verdict in words.
package enum InteractionReport {
    /// The report of `analysis`.
    package static func text(_ analysis: InteractionAnalysis) -> String {
        let rows = analysis.rows, columns = analysis.columns
        let inBoth = analysis.overlap.joined().reduce(0, +)
        var out = "Interaction of \(analysis.experiment) (rows) and \(analysis.other) (columns)\n"
        out += "Units in both: \(NumberFormatting.count(inBoth)); only in \(analysis.experiment): "
        out += "\(NumberFormatting.count(analysis.onlyExperiment)); only in \(analysis.other): \(NumberFormatting.count(analysis.onlyOther))\n\n"
        out += table(title: "units", rows: rows, columns: columns, cells: analysis.overlap.map { $0.map { NumberFormatting.count($0) } })
        let level = NumberFormatting.decimal(analysis.confidenceLevel * 100) + "%"
        let alpha = NumberFormatting.decimal(1 - analysis.confidenceLevel)
        for metric in analysis.metrics {
            let isRate = metric.type == .proportion
            func value(_ x: Double) -> String { isRate ? NumberFormatting.percent(x) : NumberFormatting.number(x) }
            func change(_ x: Double) -> String {
                isRate ? NumberFormatting.signedNumber(x * 100, digits: 3) + " pp" : NumberFormatting.signedNumber(x)
            }
            out += "\n" + table(title: "\(metric.id) (\(metric.type.valueLabel))", rows: rows, columns: columns,
                                cells: metric.cellMeans.map { $0.map { $0.map(value) ?? "–" } })
            for contrast in metric.contrasts {
                out += "  \(contrast.experimentArm) × \(contrast.otherArm): \(change(contrast.estimate)) "
                out += "[\(change(contrast.lower)), \(change(contrast.upper))] (\(level)), p = \(NumberFormatting.pValue(contrast.pValue))\n"
            }
            if let chiSquare = metric.chiSquare, let df = metric.degreesOfFreedom, let p = metric.pValue, let interacts = metric.interacts {
                out += "  joint test: χ²(\(df)) = \(NumberFormatting.number(chiSquare)), p = \(NumberFormatting.pValue(p)) → "
                out += interacts
                    ? "the effect of \(analysis.experiment) depends on \(analysis.other)'s variant (α = \(alpha)): read each experiment's result within the other's arms\n"
                    : "no evidence that the experiments interact (α = \(alpha)); each can be read on its own\n"
            }
            if let note = metric.note { out += "  not computed: \(note)\n" }
        }
        for note in analysis.notes { out += "\nnote: \(note)\n" }
        return out
    }

    /// A small table: a title row of column keys, then one line per row key.
    private static func table(title: String, rows: [String], columns: [String], cells: [[String]]) -> String {
        let firstWidth = max(title.count, rows.map(\.count).max() ?? 0)
        let widths = columns.indices.map { c in max(columns[c].count, cells.map { $0[c].count }.max() ?? 0) }
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + fill : fill + text
        }
        var out = "  " + pad(title, firstWidth, left: true)
        for (c, column) in columns.enumerated() { out += "  " + pad(column, widths[c]) }
        out += "\n"
        for (r, row) in rows.enumerated() {
            out += "  " + pad(row, firstWidth, left: true)
            for c in columns.indices { out += "  " + pad(cells[r][c], widths[c]) }
            out += "\n"
        }
        return out
    }
}
