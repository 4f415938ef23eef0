import Foundation
import Testing
@testable import ABKit

@Suite("HTML report")
struct HTMLReportTests {
    private func html() throws -> String {
        let runner = AnalyzeRunner(
            experimentPath: RepositoryPaths.experiments("welcome-message-timing.json"),
            input: .summary(path: RepositoryPaths.experiments("summaries/welcome-message-timing.guardrail-breach.summary.json")),
            format: .html)
        let output = runner.run()
        #expect(output.exitCode == .success)
        return output.standardOutput
    }

    @Test("one self-contained document: no script, no external resource")
    func selfContained() throws {
        let page = try html()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<link"))
        // The only URL is the SVG namespace identifier, which browsers never fetch.
        let urls = page.components(separatedBy: "http").count - 1
        #expect(urls == page.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
    }

    @Test("an interval chart per metric, posterior densities for proportions, and the verdict")
    func charts() throws {
        let page = try html()
        #expect(page.contains("<title>activated_7d: relative lift vs immediate with 95% intervals</title>"))
        #expect(page.contains("<title>unsubscribed: posterior distribution of each variant&apos;s rate</title>")
            || page.contains("<title>unsubscribed: posterior distribution of each variant's rate</title>"))
        #expect(page.components(separatedBy: "<svg ").count - 1 == 4)
        #expect(page.contains("Decision: block"))
        #expect(!page.lowercased().contains("nan"))
    }
}
