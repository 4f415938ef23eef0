import ABTestSupport
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

@Suite("abkit plan, run in-process")
struct PlanRunnerTests {
    @Test("O'Brien–Fleming, 5 looks: the published boundaries 4.877, 3.357, 2.680, 2.290, 2.031")
    func obrienFlemingBoundaries() throws {
        let report = try PlanRunner(options: PlanOptions(baseline: 0.2, relativeLift: 0.05)).compute()
        #expect(report.design.looks == 5 && report.design.spending == .obrienFleming)
        // Jennison & Turnbull (2000), Table 2.3 / gsDesign sfLDOF, alpha 0.05 two-sided, rounded to 3 decimals.
        let published = [4.877, 3.357, 2.680, 2.290, 2.031]
        for (look, z) in zip(report.design.boundaries, published) {
            #expect(abs(look.z - z) < 5e-4, "look \(look.look): \(look.z)")
        }
        #expect(abs(report.design.boundaries.last!.cumulativeAlpha - 0.05) < 1e-12)
        // Units per look: the fixed-horizon 25,579.96 per variant (abkit power) × the inflation factor
        // 1.024718 (Tests/Reference/make_group_power_reference.py) = 26,212.24 → 26,213, times k/5, rounded up.
        #expect(report.power.controlUnits == 25_580)
        #expect(abs(report.design.inflationFactor - 1.0247179321873423) < 1e-4)
        #expect(report.design.maximumUnitsPerVariant == 26_213)
        #expect(report.design.boundaries.map(\.unitsPerVariant) == [5_243, 10_486, 15_728, 20_971, 26_213])
        #expect(report.alwaysValid.plannedUnitsPerVariant == 25_580)
    }

    @Test("text output: the units sentence, one row per look, the always-valid setting")
    func text() {
        let output = PlanRunner(options: PlanOptions(baseline: 0.2, relativeLift: 0.05)).run()
        #expect(output.exitCode == .success)
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("Need 25,580 units per variant"))
        #expect(lines.contains("For the same 80% power it needs up to 26,213 units per variant (1.025 × the fixed horizon)."))
        #expect(lines.contains("     1          5,243     0.200         4.877   1.08e-06     1.08e-06"))
        #expect(lines.contains { $0.hasSuffix("5         26,213     1.000         2.031     0.0423       0.0500") })
        #expect(output.standardOutput.contains(#""plannedUnitsPerVariant": 25580"#))
    }

    @Test("from an experiment file: planned effect, alpha, variants and the group design; flags win")
    func experimentFile() throws {
        let path = try RepositoryPaths.temporaryFile("""
            {"id": "p", "variants": [{"key": "a", "weight": 0.34, "control": true}, {"key": "b", "weight": 0.33}, {"key": "c", "weight": 0.33}],
             "metrics": [{"id": "activated", "type": "conversion", "event": "x", "primary": true}],
             "analysis": {"alpha": 0.01, "sequential": {"method": "group", "looks": 3, "spending": "pocock", "look": 1}},
             "decision": {"plannedRelativeEffect": 0.1}}
            """)
        let report = try PlanRunner(options: PlanOptions(experimentPath: path, baseline: 0.2)).compute()
        #expect(report.experiment == "p" && report.metric == "activated")
        #expect(report.power.alpha == 0.01 && report.power.variants == 3)
        #expect(abs((report.power.relativeLift ?? 0) - 0.1) < 1e-12)
        #expect(report.design.looks == 3 && report.design.spending == .pocock)
        // Pocock boundaries are nearly flat; the nominal level at each look is far below alpha.
        let z = report.design.boundaries.map(\.z)
        #expect(z.max()! - z.min()! < 0.1)
        // Pocock's flat boundaries cost more units than O'Brien–Fleming's for the same power.
        #expect(report.design.inflationFactor > 1.05 && report.design.maximumUnitsPerVariant > report.power.controlUnits)
        #expect(report.design.boundaries.allSatisfy { $0.nominalAlpha < 0.01 })
        let overridden = try PlanRunner(options: PlanOptions(experimentPath: path, baseline: 0.2, relativeLift: 0.2, alpha: 0.05, looks: 4, spending: .obrienFleming)).compute()
        #expect(overridden.design.looks == 4 && overridden.design.spending == .obrienFleming && overridden.power.alpha == 0.05)
        #expect(overridden.power.controlUnits < report.power.controlUnits)
        // JSON output carries the design and the power report.
        let json = PlanRunner(options: PlanOptions(experimentPath: path, baseline: 0.2, format: .json)).run()
        let root = try #require(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let design = try #require(root["design"] as? [String: Any])
        #expect((design["boundaries"] as? [[String: Any]])?.count == 3)
        #expect(design["spending"] as? String == "pocock")
        #expect((root["power"] as? [String: Any])?["controlUnits"] as? Int == report.power.controlUnits)
    }

    @Test("bad plans exit 64 with a message that says what to give", arguments: [
        (PlanOptions(baseline: 0.2), "planned effect"),
        (PlanOptions(relativeLift: 0.05), "--baseline"),
        (PlanOptions(baseline: 0.2, relativeLift: 0.05, looks: 0), "--looks"),
        (PlanOptions(baseline: 0.2, relativeLift: 0.05, format: .html), "text or json"),
    ])
    func usage(_ options: PlanOptions, _ message: String) {
        let output = PlanRunner(options: options).run()
        #expect(output.exitCode == .usage)
        #expect(output.standardError.contains(message), "\(output.standardError)")
    }

    @Test("a rate primary metric needs --baseline, not --mean")
    func metricKind() throws {
        let path = try RepositoryPaths.temporaryFile("""
            {"id": "p", "variants": [{"key": "a", "weight": 0.5, "control": true}, {"key": "b", "weight": 0.5}],
             "metrics": [{"id": "activated", "type": "conversion", "event": "x", "primary": true}], "decision": {"plannedRelativeEffect": 0.1}}
            """)
        let output = PlanRunner(options: PlanOptions(experimentPath: path, mean: 5, standardDeviation: 2)).run()
        #expect(output.exitCode == .usage && output.standardError.contains("--baseline"))
        #expect(PlanRunner(options: PlanOptions(experimentPath: "/nonexistent/plan.json", baseline: 0.2)).run().exitCode == .noInput)
    }
}
