import ABAssign
import Testing

@Suite("Assignment rules")
struct AssignmentTests {
    let variants = [
        Variant(key: "control", weight: 0.5, isControl: true, message: ["channel": "email", "delay": "PT0S"]),
        Variant(key: "treatment", weight: 0.5, message: ["channel": "email", "delay": "PT1H"]),
    ]

    @Test("a bucketed user gets a variant, its message and the hash")
    func assigned() throws {
        let config = try ExperimentConfig(key: "exp", variants: variants)
        let a = config.assign(id: "user-1")
        #expect(a.inExperiment && a.reason == .assigned)
        #expect(a.hashValue == GrowthBookHash.hash(seed: "exp", value: "user-1", version: .v2))
        #expect(a.message == variants[a.variationIndex!].message)
    }

    @Test("overrides force a variant")
    func forced() throws {
        let config = try ExperimentConfig(key: "exp", variants: variants, overrides: ["qa-1": "treatment"], status: .draft)
        let a = config.assign(id: "qa-1")
        #expect(a.variant == "treatment" && a.reason == .forced && a.inExperiment)
        #expect(throws: ExperimentConfigError.self) {
            try ExperimentConfig(key: "exp", variants: variants, overrides: ["qa-1": "nope"])
        }
    }

    @Test("draft and stopped experiments")
    func status() throws {
        #expect(try ExperimentConfig(key: "e", variants: variants, status: .draft).assign(id: "u").reason == .notRunning)
        let stoppedNone = try ExperimentConfig(key: "e", variants: variants, status: .stopped).assign(id: "u")
        #expect(stoppedNone.variant == nil && stoppedNone.reason == .stopped && !stoppedNone.inExperiment)
        let stoppedControl = try ExperimentConfig(key: "e", variants: variants, status: .stopped, whenStopped: .control)
            .assign(id: "u")
        #expect(stoppedControl.variant == "control" && !stoppedControl.inExperiment)
    }

    @Test("targeting, hash attribute fallback and missing values")
    func targeting() throws {
        let condition = try TargetingCondition(["days_inactive": ["$gte": 14]])
        let config = try ExperimentConfig(
            key: "e", variants: variants, targeting: condition, hashAttribute: "user_id", fallbackAttribute: "device_id")
        #expect(config.assign(attributes: JSONObject([("user_id", "u1"), ("days_inactive", 3)])).reason == .targetingFailed)
        let a = config.assign(attributes: JSONObject([("device_id", "d1"), ("days_inactive", 30)]))
        #expect(a.hashAttribute == "device_id" && a.inExperiment)
        #expect(config.assign(attributes: JSONObject([("days_inactive", 30)])).reason == .missingHashAttribute)
        #expect(config.assign(attributes: JSONObject([("user_id", 42), ("days_inactive", 30)])).hashAttributeValue == "42")
    }

    @Test("namespaces split users between experiments without overlap")
    func namespaces() throws {
        let a = try ExperimentConfig(key: "a", variants: variants, namespace: Namespace(id: "ns", start: 0, end: 0.5))
        let b = try ExperimentConfig(key: "b", variants: variants, namespace: Namespace(id: "ns", start: 0.5, end: 1))
        var inA = 0, inB = 0
        for i in 0..<20_000 {
            let id = "user-\(i)"
            let ra = a.assign(id: id), rb = b.assign(id: id)
            #expect(!(ra.inExperiment && rb.inExperiment))
            #expect(ra.inExperiment || rb.inExperiment)
            if ra.inExperiment { inA += 1 } else { #expect(ra.reason == .outsideNamespace) }
            if rb.inExperiment { inB += 1 }
        }
        #expect(abs(inA - inB) < 1_000)
    }

    @Test("a holdout keeps the same users out of every experiment that names it")
    func holdout() throws {
        let h = Holdout(id: "global", share: 0.1)
        let a = try ExperimentConfig(key: "a", variants: variants, holdout: h)
        let b = try ExperimentConfig(key: "b", variants: variants, holdout: h)
        var held = 0
        for i in 0..<20_000 {
            let ra = a.assign(id: "u\(i)"), rb = b.assign(id: "u\(i)")
            #expect((ra.reason == .holdout) == (rb.reason == .holdout))
            if ra.reason == .holdout { held += 1 }
        }
        #expect(abs(Double(held) / 20_000 - 0.1) < 0.01)
    }
}
