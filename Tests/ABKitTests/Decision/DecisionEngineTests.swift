@testable import ABCommandLine
import ABTestSupport
import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit

@Suite("Decision rules")
struct DecisionEngineTests {
    /// Two variants on one proportion metric and one guardrail metric.
    private func result(
        control: (Int, Int), variant: (Int, Int), guardControl: (Int, Int) = (10000, 150), guardVariant: (Int, Int) = (10000, 150),
        weights: [String: Double]? = ["control": 0.5, "treatment": 0.5]
    ) throws -> AnalysisResult {
        let summary = SummaryFile(experiment: "e", control: "control", weights: weights, metrics: [
            SummaryMetric(id: "activated", type: .proportion, variants: [
                SummaryVariant(key: "control", units: control.0, conversions: control.1),
                SummaryVariant(key: "treatment", units: variant.0, conversions: variant.1)]),
            SummaryMetric(id: "unsubscribed", type: .proportion, variants: [
                SummaryVariant(key: "control", units: guardControl.0, conversions: guardControl.1),
                SummaryVariant(key: "treatment", units: guardVariant.0, conversions: guardVariant.1)]),
        ])
        return try SummaryAnalyzer(options: AnalysisOptions(correctionScope: .metric)).analyze(summary)
    }

    private let guardrail = DecisionPolicy.Guardrail(metric: "unsubscribed", goal: .decrease, maxRelativeChange: 0.10)

    @Test("a significant win with no harm ships")
    func ship() throws {
        let policy = DecisionPolicy(primaryMetric: "activated", shipRules: [.significance], guardrails: [guardrail], minimumUnitsPerVariant: 1000)
        let decision = DecisionEngine(policy: policy).decide(try result(control: (10000, 2000), variant: (10000, 2250)))
        #expect(decision.verdict == .ship)
        #expect(decision.reasons.contains { $0.hasPrefix("activated: treatment vs control adjusted p = ") })
        #expect(decision.rules?.count == 4)
    }

    @Test("a guardrail breach blocks even when the primary metric wins")
    func guardrailBlocks() throws {
        let policy = DecisionPolicy(primaryMetric: "activated", shipRules: [.significance], guardrails: [guardrail])
        let data = try result(control: (10000, 2000), variant: (10000, 2250), guardVariant: (10000, 260))
        let decision = DecisionEngine(policy: policy).decide(data)
        #expect(decision.verdict == .block)
        let breach = try #require(decision.rules?.first { $0.rule == "guardrail:unsubscribed" })
        #expect(breach.status == .blocked)
        #expect(breach.message.contains("treatment is up 73.33%"))
        // Independent check of the probability quoted: Φ((lift − 0.10)/se) from the analysis' own numbers.
        let variant = data.metrics[1].variants[1]
        let probability = Normal.standard.cdf((variant.relativeLift! - 0.10) / variant.frequentist!.relativeStandardError!)
        #expect(probability > 0.95)
    }

    @Test("a sample ratio mismatch blocks")
    func srmBlocks() throws {
        let policy = DecisionPolicy(primaryMetric: "activated", shipRules: [.significance])
        let decision = DecisionEngine(policy: policy).decide(try result(control: (10000, 2000), variant: (11000, 2500)))
        #expect(decision.verdict == .block)
        #expect(decision.reasons.first!.hasPrefix("sample ratio mismatch: p = "))
    }

    @Test("too few units, an unfinished run, or no ship rule met are inconclusive")
    func inconclusive() throws {
        let flat = try result(control: (10000, 2000), variant: (10000, 2010))
        let engine = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", shipRules: [.significance]))
        #expect(engine.decide(flat).verdict == .inconclusive)

        let win = try result(control: (10000, 2000), variant: (10000, 2250))
        let needsMore = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", shipRules: [.significance], minimumUnitsPerVariant: 20000))
        let decision = needsMore.decide(win)
        #expect(decision.verdict == .inconclusive)
        #expect(decision.reasons.contains("units: control has 10,000 < 20,000 required per variant"))

        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let early = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", shipRules: [.significance], plannedEnd: now.addingTimeInterval(2 * 86_400)))
        #expect(early.decide(win, now: now).verdict == .inconclusive)
        #expect(early.decide(win, now: now.addingTimeInterval(3 * 86_400)).verdict == .ship)
    }

    @Test("a significant loss blocks (the primary metric regressed), and a decrease goal reverses the direction")
    func direction() throws {
        let loss = try result(control: (10000, 2250), variant: (10000, 2000))
        let decision = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", shipRules: [.significance])).decide(loss)
        #expect(decision.verdict == .block)
        #expect(decision.reasons.contains { $0.contains("even the best variant") && $0.contains("wrong direction") })
        // A loss that is not credible yet stays inconclusive.
        let slightLoss = try result(control: (10000, 2250), variant: (10000, 2230))
        #expect(DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", shipRules: [.significance])).decide(slightLoss).verdict == .inconclusive)
        let lowerIsBetter = DecisionPolicy(primaryMetric: "activated", primaryGoal: .decrease, shipRules: [.significance])
        #expect(DecisionEngine(policy: lowerIsBetter).decide(loss).verdict == .ship)
    }

    @Test("the interval rule needs the whole interval beyond the minimum lift")
    func intervalRule() throws {
        let win = try result(control: (10000, 2000), variant: (10000, 2250))
        let lower = try #require(win.metrics[0].variants[1].frequentist?.relativeCi?.lower)
        let modest = DecisionPolicy(primaryMetric: "activated", shipRules: [.intervalBeyond(minimumLift: lower - 0.01, relative: true)])
        let ambitious = DecisionPolicy(primaryMetric: "activated", shipRules: [.intervalBeyond(minimumLift: lower + 0.01, relative: true)])
        #expect(DecisionEngine(policy: modest).decide(win).verdict == .ship)
        #expect(DecisionEngine(policy: ambitious).decide(win).verdict == .inconclusive)
    }

    @Test("assignment drift beyond the limit blocks")
    func drift() throws {
        let win = try result(control: (10000, 2000), variant: (10000, 2250))
        let engine = DecisionEngine(policy: DecisionPolicy(primaryMetric: "activated", shipRules: [.significance], maximumAssignmentDrift: 0.01))
        #expect(engine.decide(win, assignmentDrift: 0.02).verdict == .block)
        #expect(engine.decide(win, assignmentDrift: 0.001).verdict == .ship)
    }

    @Test("an inconclusive verdict reports the power so far and the units still needed (statsmodels: 6754.44 units, power 0.10346)")
    func powerProgress() throws {
        // Reference: NormalIndPower().solve_power(proportion_effectsize(p·1.1, p), power=0.8, alpha=0.05) = 6754.44
        // and NormalIndPower().power(h, 391, 0.05) = 0.103457, with p = 80/412 (the day-two summary's control).
        let output = GateRunner(analysis: AnalyzeRunner(
            experimentPath: RepositoryPaths.experiments("welcome-message-timing.json"),
            input: .summary(path: RepositoryPaths.experiments("summaries/welcome-message-timing.day-two.summary.json")),
            format: .json)).run()
        #expect(output.exitCode == .inconclusive)
        let root = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let power = try #require((root["decision"] as? [String: Any])?["power"] as? [String: Any])
        #expect(power["unitsPerVariantNeeded"] as? Int == 6755)
        #expect(power["unitsPerVariantStillNeeded"] as? Int == 6755 - 391)
        #expect(abs((power["achievedPower"] as? Double ?? 0) - 0.10345688464407589) < 1e-9)
    }
}
