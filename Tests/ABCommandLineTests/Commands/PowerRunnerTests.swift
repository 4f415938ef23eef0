import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

@Suite("abkit power, run in-process")
struct PowerRunnerTests {
    @Test("units for a relative lift on a rate: statsmodels' 25,579.96 rounded up")
    func unitsForRate() throws {
        let output = PowerRunner(options: PowerOptions(baseline: 0.2, relativeLift: 0.05)).run()
        #expect(output.exitCode == .success)
        #expect(output.standardOutput == "Need 25,580 units per variant (51,160 in total for 2 variants) to detect +1.00 points (+5.00% relative), 20.00% → 21.00%, with 80% power at alpha 0.05, two-sided.\n")
        let report = try PowerRunner(options: PowerOptions(baseline: 0.2, absoluteLift: 0.01)).compute()
        #expect(abs(report.exactControlUnits - 25_579.95659546687) <= 1e-6)
        #expect(report.controlUnits == 25_580 && report.totalUnits == 51_160)
    }

    @Test("power for given units, and the minimum detectable effect without a lift")
    func powerAndDetectableEffect() throws {
        let power = try PowerRunner(options: PowerOptions(baseline: 0.2, relativeLift: 0.05, units: 10_000)).compute()
        #expect(power.question == .power)
        #expect(power.power > 0.41 && power.power < 0.42)
        let mde = try PowerRunner(options: PowerOptions(baseline: 0.2, units: 10_000)).compute()
        #expect(mde.question == .minimumDetectableEffect)
        // statsmodels (polished): Cohen's h 0.03962034959292055 for 10,000 units per arm.
        #expect(abs(mde.effectSize - 0.03962034959292055) <= 1e-12)
        #expect(abs(mde.absoluteLift - 0.01608) <= 1e-5)
        let text = PowerRunner(options: PowerOptions(baseline: 0.2, units: 10_000)).run().standardOutput
        #expect(text.hasPrefix("Minimum detectable effect +1.61 points (+8.04% relative), 20.00% → 21.61%, with 10,000 units per variant"))
    }

    @Test("means, one-sided, unequal ratio and three variants; JSON output")
    func meansJSON() throws {
        let options = PowerOptions(mean: 5, standardDeviation: 10, absoluteLift: 0.5, ratio: 2, oneSided: true, variants: 3, format: .json)
        let output = PowerRunner(options: options).run()
        #expect(output.exitCode == .success)
        let root = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(root["question"] as? String == "units")
        #expect(root["alternative"] as? String == "greater")
        #expect(root["effectSize"] as? Double == 0.05)
        #expect(root["controlUnits"] as? Int == 3_710)
        #expect(root["variantUnits"] as? Int == 7_420)
        #expect(root["totalUnits"] as? Int == 3_710 + 2 * 7_420)
    }

    @Test("bad flags exit 64 with a message naming the flag", arguments: [
        (PowerOptions(relativeLift: 0.05), "--baseline"),
        (PowerOptions(baseline: 1.2, relativeLift: 0.05), "--baseline must be a rate"),
        (PowerOptions(baseline: 0.2, absoluteLift: 0.01, relativeLift: 0.05), "not both"),
        (PowerOptions(baseline: 0.2), "give a lift"),
        (PowerOptions(mean: 5, absoluteLift: 1), "--mean needs --sd"),
        (PowerOptions(baseline: 0.2, relativeLift: -0.1, oneSided: true), "--one-sided"),
        (PowerOptions(baseline: 0.2, relativeLift: 0.05, power: 0.01), "--power"),
        (PowerOptions(baseline: 0.2, relativeLift: 0.05, ratio: 0), "--ratio"),
        (PowerOptions(baseline: 0.2, relativeLift: 0.05, variants: 1), "--variants"),
        (PowerOptions(baseline: 0.9, absoluteLift: 0.2), "keeps the rate in [0, 1]"),
        (PowerOptions(baseline: 0.2, relativeLift: 0.05, format: .html), "text or json"),
    ])
    func usage(_ options: PowerOptions, _ message: String) {
        let output = PowerRunner(options: options).run()
        #expect(output.exitCode == .usage)
        #expect(output.standardError.contains(message), "\(output.standardError)")
    }
}
