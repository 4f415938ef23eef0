import ABSummary
import ABStats
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

/// Issue 15: numbers that trapped or hung `abkit power`, `plan` and `analyze` are refused at
/// entry, naming the flag or JSON path, the accepted range and the value as given.
@Suite("Numeric bounds at the command line and in summary and experiment files")
struct NumericBoundsTests {
    @Test("power: sizes beyond 2^53 units are usage errors, not traps", arguments: [
        (PowerOptions(baseline: 0.2, relativeLift: 1e-12), "detecting --relative-lift 1e-12 needs about 6.28e+25 units per variant"),
        (PowerOptions(mean: 5, standardDeviation: 1, absoluteLift: 1e-200), "detecting --absolute-lift 1e-200 needs more than 1e300 units"),
        (PowerOptions(baseline: 0.2, relativeLift: 1e-300), "expected a nonzero effect"),
        (PowerOptions(baseline: 0.2, units: 1e19), "--units must be from 1 to 9007199254740992 (2^53, the largest count a Double holds exactly) (got 10000000000000000000)"),
        (PowerOptions(baseline: 0.2, relativeLift: 0.05, variants: Int.max), "--variants counts control too, so it must be from 2 to 1000 (got 9223372036854775807)"),
        (PowerOptions(baseline: 0.2, ratio: 1e6, units: 1e15), "--units 1000000000000000 with --ratio 1000000.0"),
        (PowerOptions(baseline: 0.2, units: 9e15, variants: 3), "--variants 3 needs more than 9007199254740992 units in total"),
    ])
    func power(_ options: PowerOptions, _ message: String) {
        let output = PowerRunner(options: options).run()
        #expect(output.exitCode == .usage)
        #expect(output.standardError.contains(message), "\(output.standardError)")
    }

    @Test("plan: a lift of 1e-9 is a usage error, not a trap")
    func plan() {
        let output = PlanRunner(options: PlanOptions(baseline: 0.2, relativeLift: 1e-9)).run()
        #expect(output.exitCode == .usage)
        #expect(output.standardError.contains("needs about 6.28e+19 units per variant"), "\(output.standardError)")
    }

    @Test("--planned-units and the file's plannedUnitsPerVariant share one rule")
    func plannedUnits() throws {
        let tooMany = 4_611_686_018_427_387_904
        let flag = SequentialOptions(method: .alwaysValid, plannedUnitsPerVariant: tooMany)
        #expect(throws: ABKitError.usage(
            "the planned units per variant (--planned-units or analysis.sequential.plannedUnitsPerVariant) must be from 1 to 4503599627370496 "
                + "(2^52, so that both arms together stay within 2^53 units) (got 4611686018427387904)")) { try flag.validate() }
        try SequentialOptions(method: .alwaysValid, plannedUnitsPerVariant: SequentialOptions.plannedUnitsRange.upperBound).validate()
        let json = #"{"id":"x","variants":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"analysis":{"sequential":{"method":"always-valid","plannedUnitsPerVariant":4611686018427387904}}}"#
        do {
            _ = try ExperimentSpec.parse(Data(json.utf8), file: "x.json")
            Issue.record("expected the planned units to be refused")
        } catch {
            #expect(error.lines == ["x.json: analysis.sequential.plannedUnitsPerVariant: expected an integer from 1 to 4503599627370496 "
                + "(2^52, so that both arms together stay within 2^53 units), got 4611686018427387904"])
        }
    }

    @Test("a summary with more than 2^53 units is refused at its JSON path (exit 65)")
    func summaryUnits() {
        let summary = SummaryFile(experiment: "e", control: "a", metrics: [
            SummaryMetric(id: "m", type: .proportion, variants: [
                SummaryVariant(key: "a", units: 5_000_000_000_000_000_000, conversions: 5),
                SummaryVariant(key: "b", units: 5_000_000_000_000_000_000, conversions: 7)]),
        ])
        #expect(throws: ABKitError.badData(
            path: "s.json", location: "metrics[0].variants[0].units",
            message: "must be from 1 to 9007199254740992 (2^53, the largest count a Double holds exactly) (got 5000000000000000000)")) {
            try summary.validate(path: "s.json")
        }
    }

    @Test("absurd priors are usage errors naming the accepted range", arguments: [
        (1e308, 1e308), (1e-300, 1e300), (0, 1), (.infinity, 1), (2e9, 1),
    ])
    func priors(_ prior: (Double, Double)) {
        let options = AnalysisOptions(priorAlpha: prior.0, priorBeta: prior.1)
        #expect(throws: ABKitError.self) { try options.validate() }
        do { try options.validate() } catch {
            #expect("\(error)".contains("from 0.001 to 1e9"), "\(error)")
        }
    }

    @Test("issue 15's hang and --prior 1e8,1e8 finish and agree with the reference")
    func hangCases() throws {
        let summary = SummaryFile(experiment: "e", control: "a", metrics: [
            SummaryMetric(id: "m", type: .proportion, variants: [
                SummaryVariant(key: "a", units: 10_000_000, conversions: 5_000_000),
                SummaryVariant(key: "b", units: 10_000_000, conversions: 5_010_000)]),
        ])
        // QUADPACK over Boost (Tests/Reference/make_bayes_large_reference.py, rows issue-15-*).
        for (prior, expected) in [((1.0, 1.0), 0.9999961279346526), ((1e8, 1e8), 0.8354430078583192)] {
            let result = try SummaryAnalyzer(options: AnalysisOptions(priorAlpha: prior.0, priorBeta: prior.1)).analyze(summary)
            let chance = try #require(result.metrics.first?.variants.compactMap(\.bayesian).first?.chanceToBeatControl)
            #expect(abs(chance - expected) <= 1e-6, "\(chance) vs \(expected)")
        }
    }
}
