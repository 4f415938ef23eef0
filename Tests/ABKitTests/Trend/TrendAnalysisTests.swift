@testable import ABCommandLine
import ABTestSupport
import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

/// `abkit analyze` with variants that carry a `dose`: the per-metric trend block.
@Suite("abkit analyze: trend across dose-ordered variants")
struct TrendAnalysisTests {
    let summary = RepositoryPaths.experiments("summaries/welcome-message-timing.summary.json")

    /// The welcome experiment with doses 0, 1 and 24 (hours after signup) on its variants.
    func experiment(doses: [Double?] = [0, 1, 24]) throws -> String {
        var text = try String(contentsOfFile: RepositoryPaths.experiments("welcome-message-timing.json"), encoding: .utf8)
        for (key, dose) in zip(["immediate", "one-hour", "next-morning"], doses) {
            guard let dose else { continue }
            text = text.replacingOccurrences(of: "{\"key\": \"\(key)\",", with: "{\"key\": \"\(key)\", \"dose\": \(dose),")
        }
        return try RepositoryPaths.temporaryFile(text, name: "experiment.json")
    }

    @Test("every metric gets a trend block matching numpy (Tests/Reference/make_trend_reference.py)")
    func trendBlock() throws {
        let result = try AnalyzeRunner(experimentPath: try experiment(), input: .summary(path: summary), format: .json).analyze()
        let activated = try #require(result.metrics.first { $0.id == "activated_7d" }?.trend)
        #expect(activated.test == "cochran-armitage")
        #expect(activated.scores == KeyedValues([(key: "immediate", value: 0), (key: "one-hour", value: 1), (key: "next-morning", value: 24)]))
        // Reference: welcome-summary-activated-0-1-24 in Fixtures/trend_reference.json.
        #expect(abs(activated.statistic - -0.11788739096001051) < 1e-10)
        #expect(abs(activated.pValue - 0.9061568841339365) < 1e-10)
        #expect(abs(activated.slope - -3.988741442755273e-05) < 1e-15)
        let revenue = try #require(result.metrics.first { $0.id == "revenue_30d" }?.trend)
        #expect(revenue.test == "linear-contrast")
        #expect(abs(revenue.statistic - -0.2036807598698153) < 1e-8)
        #expect(abs(revenue.degreesOfFreedom! - 7804.577216350424) < 1e-5)
        #expect(abs(revenue.pValue - 0.8386082887078053) < 1e-8)
        // The best send time: one-hour has the highest rate; its chance to be best matches scipy's quadrature.
        let best = try #require(activated.best)
        #expect(best.key == "one-hour" && best.dose == 1)
        #expect(abs(best.posteriorMean - 852.0 / 3879.0) < 1e-12)
        #expect(best.credibleInterval.lower < best.posteriorMean && best.posteriorMean < best.credibleInterval.upper)
        #expect(abs(try #require(best.chanceToBeBest) - 0.8812946940116893) < 1e-7)
    }

    @Test("JSON carries the trend block; the text report shows one line per metric")
    func rendering() throws {
        let path = try experiment()
        let json = AnalyzeRunner(experimentPath: path, input: .summary(path: summary), format: .json).run()
        #expect(json.exitCode == .success)
        let root = try #require(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let metrics = try #require(root["metrics"] as? [[String: Any]])
        let trend = try #require(metrics[0]["trend"] as? [String: Any])
        #expect(Set(trend.keys).isSuperset(of: ["test", "statistic", "pValue", "scores", "best"]))
        let text = AnalyzeRunner(experimentPath: path, input: .summary(path: summary)).run().standardOutput
        let lines = text.split(separator: "\n").filter { $0.contains("trend over dose") }
        #expect(lines.count == 3)
        #expect(lines[0].contains("Cochran–Armitage z = -0.118") && lines[0].contains("best: one-hour"))
    }

    @Test("no trend without a dose on every variant")
    func partialDoses() throws {
        let result = try AnalyzeRunner(experimentPath: try experiment(doses: [0, 1, nil]), input: .summary(path: summary)).analyze()
        #expect(result.metrics.allSatisfy { $0.trend == nil })
        let plain = try AnalyzeRunner(input: .summary(path: summary)).analyze()
        #expect(plain.metrics.allSatisfy { $0.trend == nil })
    }

    @Test("a dose that is not a number is a spec error naming the field")
    func badDose() throws {
        let text = try String(contentsOfFile: RepositoryPaths.experiments("welcome-message-timing.json"), encoding: .utf8)
            .replacingOccurrences(of: "{\"key\": \"one-hour\",", with: "{\"key\": \"one-hour\", \"dose\": \"1h\",")
        let output = AnalyzeRunner(
            experimentPath: try RepositoryPaths.temporaryFile(text), input: .summary(path: summary)).run()
        #expect(output.exitCode == .dataError)
        #expect(output.standardError.contains("variants[1].dose"))
    }

    @Test("a trend that cannot be computed leaves a note, never NaN")
    func uncomputable() throws {
        let flat = """
            {"experiment": "welcome-message-timing", "control": "immediate", "metrics": [
              {"id": "activated_7d", "type": "proportion", "variants": [
                {"key": "immediate", "units": 100, "conversions": 0}, {"key": "one-hour", "units": 100, "conversions": 0},
                {"key": "next-morning", "units": 100, "conversions": 0}]}]}
            """
        let result = try AnalyzeRunner(
            experimentPath: try experiment(), input: .summary(path: try RepositoryPaths.temporaryFile(flat))).analyze()
        #expect(result.metrics[0].trend == nil)
        #expect(result.metrics[0].notes?.contains { $0.hasPrefix("trend:") } == true)
    }
}
