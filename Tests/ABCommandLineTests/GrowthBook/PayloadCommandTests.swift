import ABAssign
import ABEvents
@testable import ABKit
@testable import ABCommandLine
import Foundation
import Testing

@Suite("GrowthBook payloads: assign --growthbook-payload and import-growthbook")
struct PayloadCommandTests {
    static let payload = """
        {"features": {
          "checkout-color": {"defaultValue": "blue", "rules": [
            {"id": "fr-red", "force": "red", "condition": {"country": "FR"}},
            {"id": "color-test", "key": "color-exp", "variations": ["blue", "green"], "weights": [0.5, 0.5], "coverage": 0.8,
             "hashAttribute": "id", "meta": [{"key": "control"}, {"key": "green"}]}
          ]},
          "banner": {"defaultValue": false, "rules": [
            {"key": "banner-exp", "variations": [false, true], "filters": [{"seed": "s", "ranges": [[0, 0.5]]}],
             "ranges": [[0, 0.3], [0.3, 1]], "bucketVersion": 2, "meta": [{"key": "off"}, {"key": "on"}]}
          ]},
          "gated": {"defaultValue": 0, "rules": [
            {"key": "gated-exp", "variations": [0, 1], "parentConditions": [{"id": "banner", "condition": {"value": true}}]}
          ]}
        }}
        """

    func payloadFile() throws -> String {
        let path = tempPath("features.json")
        try Self.payload.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("each user gets the feature's value, source and experiment result as the evaluator computes them")
    func evaluate() throws {
        let path = try payloadFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let users = (0..<300).map { #"{"id": "u\#($0)", "attributes": {"country": "\#($0 % 3 == 0 ? "FR" : "US")"}}"# }
        let (code, out, err) = runAssign(AssignOptions(experimentFiles: [], input: "-", growthBookPayload: path, feature: "checkout-color"),
                                         stdin: users.joined(separator: "\n"))
        #expect(code == 0, "\(err)")
        let payload = try GrowthBookPayload(text: Self.payload)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 300)
        var sources = Set<String>()
        for (i, line) in lines.enumerated() {
            let record = try JSONParser.parse(String(line))
            var evaluator = GrowthBookEvaluator(
                attributes: JSONObject([(key: "id", value: .string("u\(i)")), (key: "country", value: .string(i % 3 == 0 ? "FR" : "US"))]),
                payload: payload)
            let expected = try evaluator.evalFeature("checkout-color")
            #expect(record["value"] == expected.value)
            #expect(record["source"] == .string(expected.source.rawValue))
            #expect(record["variant"] == expected.experimentResult.map { .string($0.key) } ?? nil)
            sources.insert(expected.source.rawValue)
        }
        // Force rule, experiment and (outside the 80% coverage) the default all occur.
        #expect(sources == ["force", "experiment", "defaultValue"])
        #expect(runAssign(AssignOptions(experimentFiles: [], user: "u1", growthBookPayload: path, feature: "nope")).0 == 64)
    }

    @Test("import-growthbook writes loadable experiment files and says which rules it skipped and why")
    func importRules() throws {
        let path = try payloadFile()
        let dir = tempPath("imported")
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: dir) }
        let out = MemoryOutput(), err = MemoryOutput()
        #expect(ImportGrowthBookRunner.run(payloadPath: path, outDir: dir, stdout: out, stderr: err) == 0)
        #expect(err.text.contains("features.gated.rules[0]: skipped: uses parentConditions"))
        #expect(err.text.contains("wrote 2 experiment files, skipped 1 rules"))
        let spec = try ExperimentSpec.load(path: (dir as NSString).appendingPathComponent("color-exp.json"))
        #expect(spec.id == "color-exp" && spec.variants.map(\.key) == ["control", "green"])
        // The imported file assigns exactly as the payload's experiment does.
        let config = try spec.assignmentConfig()
        let original = try #require(payload().experimentConfigs().first?.config)
        for i in 0..<500 {
            #expect(config.assign(id: "u\(i)").variant == original.assign(id: "u\(i)").variant)
        }
        // A rule with filters, explicit ranges and a bucket version: `abkit assign` on the
        // imported file gives what GrowthBook's evaluation of the rule gives.
        let banner = (dir as NSString).appendingPathComponent("banner-exp.json")
        let experiment = try #require(payload().features["banner"]?.rules[0].experiment(featureKey: "banner"))
        let users = (0..<400).map { "u\($0)" }
        let (code, assigned, _) = runAssign(AssignOptions(experimentFiles: [banner], input: "-"), stdin: users.joined(separator: "\n"))
        #expect(code == 0)
        let records = try recordsByUser(assigned)
        var inExperiment = 0
        for user in users {
            var evaluator = GrowthBookEvaluator(attributes: JSONObject([(key: "id", value: .string(user))]))
            let expected = try evaluator.run(experiment)
            #expect(records[user]?.variant == (expected.inExperiment ? expected.key : nil), "\(user)")
            if expected.inExperiment { inExperiment += 1 }
        }
        #expect(inExperiment > 100 && inExperiment < 300)
        #expect(ImportGrowthBookRunner.run(payloadPath: "/nonexistent.json", outDir: dir, stdout: out, stderr: err) == 66)
    }

    func payload() throws -> GrowthBookPayload { try GrowthBookPayload(text: Self.payload) }
}
