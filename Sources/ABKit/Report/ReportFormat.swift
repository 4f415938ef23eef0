/// The output formats of `abkit analyze` and `abkit gate`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// An aligned table for a terminal.
    case text
    /// The result JSON of docs/result-json.md.
    case json
    /// Markdown tables for a pull-request comment.
    case markdown
    /// One self-contained HTML file with inline SVG charts.
    case html
}
