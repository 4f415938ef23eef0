import ABAssign
import Testing

/// Whole assignments against GrowthBook's Python SDK `GrowthBook.run(Experiment(...))`.
@Suite("GrowthBook compatibility")
struct GrowthBookCompatibilityTests {
    @Test("every generated experiment case assigns as GrowthBook does")
    func experiments() throws {
        let cases = try #require(Fixture.assignments["experiments"]?.arrayValue)
        #expect(cases.count >= 3000)
        var mismatches = 0
        for (i, c) in cases.enumerated() {
            let seed = try #require(c["seed"]?.stringValue)
            let user = try #require(c["user"]?.stringValue)
            let count = Int(try #require(c["variations"]?.numberValue))
            let weights = c["weights"]?.doubleArray ?? Array(repeating: 1 / Double(count), count: count)
            // GrowthBook falls back to equal weights when the list has the wrong length; ABAssign's
            // variants carry one weight each, so a wrong-length list becomes an invalid vector here.
            let perVariant = weights.count == count ? weights : Array(repeating: Double.nan, count: count)
            let variants = (0..<count).map { Variant(key: "v\($0)", weight: perVariant[$0]) }
            let namespace = c["namespace"]?.arrayValue.map {
                Namespace(id: $0[0].stringValue!, start: $0[1].numberValue!, end: $0[2].numberValue!)
            }
            let config = try ExperimentConfig(
                key: seed, variants: variants, seed: seed,
                hashVersion: HashVersion(rawValue: Int(c["hashVersion"]!.numberValue!))!,
                coverage: c["coverage"]?.numberValue ?? 1, namespace: namespace)
            let a = config.assign(id: user)
            let inExperiment = try #require(c["inExperiment"]?.boolValue)
            let ok = a.inExperiment == inExperiment
                && (!inExperiment || a.variationIndex == Int(c["variationId"]!.numberValue!))
                && (!inExperiment || a.hashValue == c["bucket"]!.numberValue!)
            if !ok {
                mismatches += 1
                Issue.record("case \(i): seed=\(seed) user=\(user.prefix(24)) got \(a.reason) \(String(describing: a.variationIndex)) \(String(describing: a.hashValue)), GrowthBook \(inExperiment) \(c["variationId"]!) \(c["bucket"]!)")
            }
        }
        #expect(mismatches == 0)
    }
}
