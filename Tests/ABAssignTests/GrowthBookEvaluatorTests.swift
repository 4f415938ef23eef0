import ABAssign
import Testing

/// GrowthBook's precedence of checks and payload reading, case by case.
@Suite("GrowthBook evaluator")
struct GrowthBookEvaluatorTests {
    static let twoWay = GrowthBookExperiment(key: "e", variations: ["a", "b"], hashVersion: 2)

    func run(_ e: GrowthBookExperiment, _ attributes: JSONValue = ["id": "u1"], qaMode: Bool = false,
             forced: [String: Int] = [:]) throws -> ExperimentResult {
        var evaluator = GrowthBookEvaluator(attributes: JSONValue.attributes(attributes), qaMode: qaMode, forcedVariations: forced)
        return try evaluator.run(e)
    }

    @Test("a single variation keeps everyone out before anything else")
    func singleVariation() throws {
        let r = try run(GrowthBookExperiment(key: "e", variations: ["only"], force: 0), forced: ["e": 0])
        #expect(!r.inExperiment && r.reason == .tooFewVariations && r.value == "only")
    }

    @Test("forced variations win over inactive; force is applied after bucketing; QA after force")
    func precedence() throws {
        var e = Self.twoWay
        e.active = false
        #expect(try run(e, forced: ["e": 1]).reason == .forcedVariation)
        #expect(try run(e).reason == .inactive)
        e.active = true
        e.force = 1
        let forced = try run(e, qaMode: true)
        #expect(forced.reason == .forced && forced.inExperiment && forced.variationId == 1 && !forced.hashUsed)
        e.force = nil
        #expect(try run(e, qaMode: true).reason == .qaMode)
        e.coverage = 0
        #expect(try run(e, qaMode: true).reason == .outsideCoverage)
        e.force = 1
        #expect(try run(e).reason == .outsideCoverage)
    }

    @Test("filters replace the namespace; an unknown hash version keeps everyone out")
    func filtersAndVersions() throws {
        var e = Self.twoWay
        e.namespace = Namespace(id: "ns", start: 0, end: 0)
        #expect(try run(e).reason == .outsideNamespace)
        e.filters = [HashFilter(seed: "f", ranges: [BucketRange(start: 0, end: 1)])]
        #expect(try run(e).reason == .assigned)
        e.filters = [HashFilter(seed: "f", ranges: [BucketRange(start: 0, end: 0)])]
        #expect(try run(e).reason == .filteredOut)
        e.filters = []
        e.namespace = nil
        e.hashVersion = 3
        #expect(try run(e).reason == .unknownHashVersion)
    }

    @Test("explicit ranges replace weights and coverage")
    func explicitRanges() throws {
        var e = Self.twoWay
        e.ranges = [BucketRange(start: 0, end: 0), BucketRange(start: 0, end: 1)]
        e.coverage = 0
        let r = try run(e)
        #expect(r.inExperiment && r.variationId == 1)
    }

    @Test("a failing prerequisite keeps the user out; a cycle does too")
    func prerequisites() throws {
        var e = Self.twoWay
        e.parentConditions = [ParentCondition(id: "parent", condition: try TargetingCondition(["value": true]))]
        var on = GrowthBookEvaluator(attributes: JSONValue.attributes(["id": "u1"]), features: ["parent": GrowthBookFeature(defaultValue: true)])
        #expect(try on.run(e).inExperiment)
        var off = GrowthBookEvaluator(attributes: JSONValue.attributes(["id": "u1"]), features: ["parent": GrowthBookFeature(defaultValue: false)])
        #expect(try off.run(e).reason == .prerequisiteFailed)
    }

    @Test("the fallback attribute is used only with sticky bucketing")
    func fallback() throws {
        let e = GrowthBookExperiment(key: "e", variations: ["a", "b"], fallbackAttribute: "deviceId", hashVersion: 2,
                                     meta: [VariationMeta(key: "a"), VariationMeta(key: "b")])
        #expect(try run(e, ["deviceId": "d1"]).reason == .missingHashAttribute)
        let store = InMemoryStickyBucketStore()
        var evaluator = GrowthBookEvaluator(attributes: JSONValue.attributes(["deviceId": "d1"]), stickyBucketStore: store)
        let r = try evaluator.run(e)
        #expect(r.inExperiment && r.hashAttribute == "deviceId" && r.hashValue == "d1")
        #expect(store.allDocuments["deviceId||d1"]?.assignments == ["e__0": r.key])
    }

    @Test("payload errors name the path and what was expected", arguments: [
        ("{}", "features"),
        ("{\"features\":{\"f\":{\"rules\":[{\"weights\":[\"x\"]}]}}}", "features.f.rules[0].weights[0]"),
        ("{\"features\":{\"f\":{\"rules\":{}}}}", "features.f.rules"),
        ("{\"features\":{\"f\":{\"rules\":[{\"condition\":5}]}}}", "features.f.rules[0].condition"),
        ("{\"features\":{\"f\":{\"rules\":[{\"range\":[0]}]}}}", "features.f.rules[0].range"),
        ("{\"features\":{\"f\":{\"rules\":[{\"filters\":[{\"seed\":\"s\"}]}]}}}", "features.f.rules[0].filters[0].ranges"),
        ("{\"features\":{},\"savedGroups\":{\"g\":5}}", "savedGroups.g"),
    ])
    func payloadErrors(text: String, path: String) {
        do {
            _ = try GrowthBookPayload(text: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.path == path)
        }
    }

    @Test("an unknown feature is reported as such")
    func unknownFeature() throws {
        var evaluator = GrowthBookEvaluator(attributes: JSONValue.attributes(["id": "u1"]), payload: try GrowthBookPayload(text: "{\"features\":{}}"))
        #expect(try evaluator.evalFeature("nope").source == .unknownFeature)
    }

    @Test("experiment rules become ExperimentConfigs that assign as GrowthBook does")
    func experimentConfigs() throws {
        let payload = try GrowthBookPayload(json: Fixture.semantics["payload"]!)
        let extracted = payload.experimentConfigs()
        let byRule = Dictionary(extracted.map { ($0.ruleId ?? $0.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(Set(byRule.keys) == ["r-exp", "r-ns", "r-filter", "r-ranges", "r-pt", "r-v1"])
        #expect(byRule["r-filter"]?.config == nil && byRule["r-filter"]?.skipped?.contains("filters") == true)
        #expect(byRule["r-ranges"]?.skipped?.contains("ranges") == true)
        let config = try #require(byRule["r-exp"]?.config)
        #expect(config.variants.map(\.key) == ["immediate", "one-hour", "nine-am"])
        #expect(config.variants[2].message == ["sendAt": "09:00"])
        #expect(config.hasher.seed == "wt-seed" && config.hasher.version == .v2 && config.coverage == 0.8)
        // Same assignment as the payload's own evaluation, for users the condition admits.
        var checked = 0
        for i in 0..<500 {
            let attributes = JSONValue.attributes(["id": .string("user-\(i)"), "plan": i % 2 == 0 ? "free" : "pro"])
            var evaluator = GrowthBookEvaluator(attributes: attributes, payload: payload)
            let feature = try evaluator.evalFeature("welcome-timing")
            let a = config.assign(attributes: attributes)
            #expect(a.inExperiment == (feature.source == .experiment))
            if a.inExperiment { #expect(a.variationIndex == feature.experimentResult?.variationId); checked += 1 }
        }
        #expect(checked > 300)
    }
}

/// ExperimentConfig run through the GrowthBook evaluator.
@Suite("ExperimentConfig as a GrowthBook experiment")
struct ExperimentConfigBridgeTests {
    @Test("the evaluator assigns as ExperimentConfig does, with namespace, holdout, coverage and targeting",
          arguments: [false, true])
    func sameAssignments(holdout: Bool) throws {
        let config = try ExperimentConfig(
            key: "welcome", variants: [Variant(key: "a", weight: 0.2, isControl: true), Variant(key: "b", weight: 0.5), Variant(key: "c", weight: 0.3)],
            seed: "welcome-seed", hashVersion: .v2, coverage: 0.9, namespace: Namespace(id: "onboarding", start: 0.1, end: 0.8),
            holdout: holdout ? Holdout(id: "onboarding", share: 0.1) : nil,
            targeting: try TargetingCondition(["country": ["$ne": "FR"]]))
        let experiment = GrowthBookExperiment(config)
        var inside = 0
        for i in 0..<3000 {
            let attributes = JSONValue.attributes(["id": .string("user-\(i)"), "country": i % 4 == 0 ? "FR" : "US"])
            var evaluator = GrowthBookEvaluator(attributes: attributes)
            let r = try evaluator.run(experiment)
            let a = config.assign(attributes: attributes)
            #expect(r.inExperiment == a.inExperiment, "user-\(i): \(r.reason) vs \(a.reason)")
            if a.inExperiment {
                inside += 1
                #expect(r.variationId == a.variationIndex && r.key == a.variant && r.bucket == a.hashValue)
            }
        }
        #expect(inside > 1000)
    }

    @Test("a sticky user keeps the ExperimentConfig variant when weights change")
    func sticky() throws {
        func config(_ weights: [Double]) throws -> ExperimentConfig {
            try ExperimentConfig(key: "e", variants: [Variant(key: "control", weight: weights[0]), Variant(key: "treatment", weight: weights[1])])
        }
        let store = InMemoryStickyBucketStore()
        var moved = 0
        for i in 0..<200 {
            let attributes = JSONValue.attributes(["id": .string("u\(i)")])
            var first = GrowthBookEvaluator(attributes: attributes, stickyBucketStore: store)
            let before = try first.run(GrowthBookExperiment(try config([0.5, 0.5])))
            var second = GrowthBookEvaluator(attributes: attributes, stickyBucketStore: store)
            let after = try second.run(GrowthBookExperiment(try config([0.05, 0.95])))
            #expect(after.key == before.key && after.stickyBucketUsed)
            if try config([0.05, 0.95]).assign(attributes: attributes).variant != before.key { moved += 1 }
        }
        // Without sticky buckets a good share would have moved.
        #expect(moved > 50)
    }
}
