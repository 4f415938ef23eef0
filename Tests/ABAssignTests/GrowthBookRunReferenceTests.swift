import ABAssign
import Testing

/// Whole experiment runs, sticky-bucket sequences and feature evaluations against GrowthBook's
/// Python SDK (Tests/Reference/make_growthbook_semantics_reference.py).
@Suite("GrowthBook run reference")
struct GrowthBookRunReferenceTests {
    /// The differences between a result and GrowthBook's, or "" when they agree.
    static func differences(_ r: ExperimentResult, _ expected: JSONValue) -> String {
        var out: [String] = []
        func check(_ name: String, _ ok: Bool, _ got: String) {
            if !ok { out.append("\(name) \(got) vs \(JSONWriter.string(expected[name] ?? .null))") }
        }
        check("inExperiment", r.inExperiment == expected["inExperiment"]?.boolValue, "\(r.inExperiment)")
        check("variationId", Double(r.variationId) == expected["variationId"]?.numberValue, "\(r.variationId)")
        check("value", r.value == expected["value"], JSONWriter.string(r.value))
        check("hashUsed", r.hashUsed == expected["hashUsed"]?.boolValue, "\(r.hashUsed)")
        check("hashAttribute", r.hashAttribute == expected["hashAttribute"]?.stringValue, r.hashAttribute)
        check("hashValue", r.hashValue == expected["hashValue"]?.stringValue, r.hashValue)
        check("bucket", r.bucket == expected["bucket"]?.numberValue, "\(String(describing: r.bucket))")
        check("key", r.key == expected["key"]?.stringValue, r.key)
        check("stickyBucketUsed", r.stickyBucketUsed == expected["stickyBucketUsed"]?.boolValue, "\(r.stickyBucketUsed)")
        return out.joined(separator: ", ")
    }

    /// The differences between a feature result and GrowthBook's, or "" when they agree.
    static func featureDifferences(_ result: FeatureResult, _ expected: JSONValue) -> String {
        var diff: [String] = []
        if result.value != expected["value"] { diff.append("value \(JSONWriter.string(result.value)) vs \(JSONWriter.string(expected["value"]!))") }
        if result.source.rawValue != expected["source"]?.stringValue { diff.append("source \(result.source) vs \(expected["source"]!)") }
        if result.ruleId != expected["ruleId"]?.stringValue { diff.append("ruleId \(String(describing: result.ruleId))") }
        switch (result.experimentResult, expected["experimentResult"]) {
        case (.some(let r), .some(let e)):
            let d = differences(r, e)
            if !d.isEmpty { diff.append(d) }
        case (.none, .none): break
        case (.some, .none), (.none, .some): diff.append("experimentResult presence differs")
        }
        return diff.joined(separator: "; ")
    }

    /// The store's documents as GrowthBook's SDK keeps them, keys sorted.
    static func documents(_ store: InMemoryStickyBucketStore) -> JSONValue {
        .object(JSONObject(store.allDocuments.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value.json) }))
    }

    static func features(_ json: JSONValue) throws -> [String: GrowthBookFeature] {
        var out: [String: GrowthBookFeature] = [:]
        for (key, value) in json.objectValue?.members ?? [] { out[key] = try GrowthBookFeature(json: value, at: key) }
        return out
    }

    @Test("every generated experiment run agrees: force, filters, ranges, prerequisites, active, QA, single variation")
    func experiments() throws {
        let cases = try #require(Fixture.semantics["experiments"]?.arrayValue)
        #expect(cases.count >= 1500)
        var reasons = Set<ExperimentRunReason>()
        let agree = try Fixture.agreeing(cases) { i, c in
            let experiment = try GrowthBookExperiment(json: c["experiment"]!, at: "experiments[\(i)]")
            var forced: [String: Int] = [:]
            for (key, value) in c["forcedVariations"]?.objectValue?.members ?? [] { forced[key] = Int(value.numberValue!) }
            var evaluator = GrowthBookEvaluator(
                attributes: try #require(c["attributes"]?.objectValue), features: try Self.features(c["features"]!),
                qaMode: c["qaMode"]?.boolValue ?? false, forcedVariations: forced)
            let result = try evaluator.run(experiment)
            reasons.insert(result.reason)
            let diff = Self.differences(result, c["result"]!)
            return diff.isEmpty ? nil : "\(result.reason): \(diff)"
        }
        #expect(agree == cases.count)
        // The generator reaches every check but the sticky ones, which the sticky cases cover.
        let sticky: Set<ExperimentRunReason> = [.stickyBucket, .stickyBucketBlocked, .disabled]
        #expect(reasons == Set(ExperimentRunReason.allCases).subtracting(sticky))
    }

    @Test("every sticky-bucket sequence agrees, step by step, with the stored documents")
    func sticky() throws {
        let sequences = try #require(Fixture.semantics["sticky"]?.arrayValue)
        #expect(sequences.count >= 120)
        var agree = 0, steps = 0
        var reasons = Set<ExperimentRunReason>()
        for (i, sequence) in sequences.enumerated() {
            var store = InMemoryStickyBucketStore()
            let attributes = try #require(sequence["attributes"]?.objectValue)
            for (j, step) in (sequence["steps"]?.arrayValue ?? []).enumerated() {
                steps += 1
                if step["freshStore"]?.boolValue == true { store = InMemoryStickyBucketStore() }
                var evaluator = GrowthBookEvaluator(attributes: attributes, stickyBucketStore: store,
                                                    stickyBucketIdentifierAttributes: ["id", "deviceId"])
                let result = try evaluator.run(try GrowthBookExperiment(json: step["experiment"]!))
                reasons.insert(result.reason)
                var diff = Self.differences(result, step["result"]!)
                let docs = Self.documents(store)
                if keySorted(docs) != keySorted(step["docs"]!) {
                    diff += " docs \(JSONWriter.string(docs)) vs \(JSONWriter.string(step["docs"]!))"
                }
                if diff.isEmpty { agree += 1 } else { Issue.record("sequence \(i) step \(j) (\(result.reason)): \(diff)") }
            }
        }
        #expect(agree == steps)
        #expect(reasons.isSuperset(of: [.stickyBucket, .stickyBucketBlocked, .assigned, .missingHashAttribute]))
    }

    @Test("every generated feature evaluation agrees: value, source, rule and experiment result")
    func features() throws {
        let cases = try #require(Fixture.semantics["features"]?.arrayValue)
        #expect(cases.count >= 1500)
        let payload = try GrowthBookPayload(json: Fixture.semantics["payload"]!)
        var sources = Set<FeatureResult.Source>()
        let agree = try Fixture.agreeing(cases) { _, c in
            var evaluator = GrowthBookEvaluator(attributes: try #require(c["attributes"]?.objectValue), payload: payload)
            let result = try evaluator.evalFeature(try #require(c["feature"]?.stringValue))
            sources.insert(result.source)
            let diff = Self.featureDifferences(result, c["result"]!)
            return diff.isEmpty ? nil : "\(c["feature"]!): \(diff)"
        }
        #expect(agree == cases.count)
        #expect(sources == Set(FeatureResult.Source.allCases))
    }

    @Test("sticky buckets through feature evaluation agree as weights and bucket versions change")
    func stickyFeatures() throws {
        let sequences = try #require(Fixture.semantics["stickyFeatures"]?.arrayValue)
        #expect(sequences.count >= 100)
        var steps: [(attributes: JSONValue, step: JSONValue, store: InMemoryStickyBucketStore)] = []
        for sequence in sequences {
            let store = InMemoryStickyBucketStore()
            for step in sequence["steps"]?.arrayValue ?? [] { steps.append((sequence["attributes"]!, step, store)) }
        }
        // Steps run in order, each sequence on its own store.
        let agree = try Fixture.agreeing(steps.map(\.step)) { i, step in
            let store = steps[i].store
            var evaluator = GrowthBookEvaluator(attributes: try #require(steps[i].attributes.objectValue),
                                                features: try Self.features(step["features"]!), stickyBucketStore: store)
            var diff = Self.featureDifferences(try evaluator.evalFeature("sticky-feature"), step["result"]!)
            if keySorted(Self.documents(store)) != keySorted(step["docs"]!) { diff += " docs \(JSONWriter.string(Self.documents(store)))" }
            return diff.isEmpty ? nil : diff
        }
        #expect(agree == steps.count)
    }
}

/// Objects with their members sorted by key, recursively: GrowthBook's documents are maps.
func keySorted(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let o): .object(JSONObject(o.members.sorted { $0.key < $1.key }.map { (key: $0.key, value: keySorted($0.value)) }))
    case .array(let a): .array(a.map(keySorted))
    case .null, .bool, .number, .string: value
    }
}
