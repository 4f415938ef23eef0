@testable import ABCommandLine
import ABTestSupport
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

    /// The report of a simulated event log of the welcome experiment: it has a funnel and timestamps.
    private func simulatedReport() throws -> String {
        let welcome = RepositoryPaths.experiments("welcome-message-timing.json")
        var lines: [String] = []
        let plan = SimulationPlan(users: 6000, seed: 3, effects: ["activated_7d": ["one-hour": 0.1]])
        _ = try EventSimulator(spec: try ExperimentFile.load(welcome), plan: plan).run { lines.append($0) }
        let log = try RepositoryPaths.temporaryFile(lines.joined(separator: "\n") + "\n", name: "report-events.jsonl")
        let output = AnalyzeRunner(experimentPath: welcome, input: .collection(DataCollection(kind: .events, paths: [log])), format: .html).run()
        #expect(output.exitCode == .success, "\(output.standardError)")
        return output.standardOutput
    }

    @Test("from events: one funnel chart before the funnel's steps, the cumulative lift in the primary metric's section, no NaN")
    func funnelAndTimeline() throws {
        let page = try simulatedReport()
        let funnelTitle = "<title>onboarding: conversion from exposure at each step, by variant</title>"
        #expect(page.components(separatedBy: funnelTitle).count - 1 == 1)
        let funnel = try #require(page.range(of: funnelTitle))
        let firstStep = try #require(page.range(of: "<h2>onboarding.profile_completed "))
        #expect(funnel.upperBound < firstStep.lowerBound)
        // Bars carry both rates in their tooltips.
        #expect(page.contains("of exposed units; ") && page.contains("of those who reached step 2</title>"))
        let timelineTitle = "<title>activated_7d: cumulative relative lift vs immediate by exposure day (UTC), with 95% intervals</title>"
        let timeline = try #require(page.range(of: timelineTitle))
        let primary = try #require(page.range(of: "<h2>activated_7d "))
        let next = try #require(page.range(of: "<h2>unsubscribed "))
        #expect(primary.upperBound < timeline.lowerBound && timeline.upperBound < next.lowerBound)
        #expect(page.contains("<polygon points=") && page.contains("<clipPath id="))
        #expect(!page.contains("NaN") && !page.lowercased().contains("nan") && !page.contains("inf%") && !page.contains("Infinity"))
        #expect(!page.contains("<script"))
    }

    @Test("the band chart leaves a gap where a day has no lift, and draws nothing without points")
    func bandGaps() {
        let points: [SVGChart.BandPoint] = [
            (0, 0.1, -0.2, 0.4, "a"), (1, 0.05, -0.1, 0.2, "b"), (3, 0.02, -0.05, 0.09, "d"), (4, 0.03, -0.03, 0.09, "e"),
        ]
        let svg = SVGChart.bands(title: "t", labels: ["d0", "d1", "d2", "d3", "d4"], axisLabel: "days",
                                 series: [(label: "v", colour: "red", points: points)])
        #expect(svg.components(separatedBy: "<polyline ").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 4)
        #expect(svg.contains(">d4</text>") && svg.contains("■ v: +3.0% [-3.0%, +9.0%] by d4"))
        #expect(SVGChart.bands(title: "t", labels: ["d0"], axisLabel: "", series: [(label: "v", colour: "red", points: [])]).isEmpty)
    }
}
