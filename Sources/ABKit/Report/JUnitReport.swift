/// Renders a decision as JUnit XML: one test suite, one test case per rule, so that any CI
/// system shows which rule blocked a rollout.
public struct JUnitReport: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The XML document.
    public func render(_ result: AnalysisResult) -> String {
        let rules = result.decision?.rules ?? []
        let failures = rules.filter { $0.status == .blocked }.count
        let skipped = rules.filter { $0.status == .pending || $0.status == .skipped }.count
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        let suite = escape("abkit gate \(result.experiment)")
        lines.append(#"<testsuites name="abkit" tests="\#(rules.count)" failures="\#(failures)" skipped="\#(skipped)">"#)
        lines.append(#"  <testsuite name="\#(suite)" tests="\#(rules.count)" failures="\#(failures)" skipped="\#(skipped)">"#)
        for rule in rules {
            let open = #"    <testcase classname="\#(escape(result.experiment))" name="\#(escape(rule.rule))">"#
            switch rule.status {
            case .passed:
                lines.append(open)
                lines.append("      <system-out>\(escape(rule.message))</system-out>")
            case .blocked:
                lines.append(open)
                lines.append(#"      <failure message="\#(escape(rule.message))" type="blocked"/>"#)
            case .pending, .skipped:
                lines.append(open)
                lines.append(#"      <skipped message="\#(escape(rule.message))"/>"#)
            }
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
