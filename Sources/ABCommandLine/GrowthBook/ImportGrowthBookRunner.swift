import ABAssign
import ABEvents
import ABKit
import Foundation

/// `abkit import-growthbook`: turns a GrowthBook payload's experiment rules into ABKit
/// experiment files, so an existing GrowthBook setup can be assigned and analyzed with ABKit.
package enum ImportGrowthBookRunner {
    /// Writes `<experiment key>.json` into `outDir` for every experiment rule an experiment file
    /// reproduces, reports each skipped rule and why on standard error, and lists the files
    /// written on standard output. Returns 0, or 65/66 for an unreadable payload, 73 when a
    /// file cannot be written.
    package static func run(payloadPath: String, outDir: String, stdout: ByteOutput, stderr: ByteOutput) -> Int32 {
        defer { stdout.flush(); stderr.flush() }
        let payload: GrowthBookPayload
        do { payload = try GrowthBookPayloadFile.load(path: payloadPath) } catch {
            stderr.write("import-growthbook: \(error.message)\n")
            return error.exitCode
        }
        do { try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
            stderr.write("import-growthbook: --out-dir \(outDir): \(error.localizedDescription)\n")
            return ABKitExitCode.cannotWrite.rawValue
        }
        var written = Set<String>()
        var skipped = 0
        for rule in payload.experimentConfigs() {
            let file: JSONValue
            switch experimentFile(rule, payloadPath: payloadPath) {
            case .file(let value): file = value
            case .skipped(let reason):
                stderr.write("import-growthbook: \(payloadPath): \(rule.path): skipped: \(reason)\n")
                skipped += 1
                continue
            }
            let key = rule.config!.key
            let name = fileName(key)
            guard written.insert(name).inserted else {
                stderr.write("import-growthbook: \(payloadPath): \(rule.path): skipped: experiment \"\(key)\" was already written from an earlier rule\n")
                skipped += 1
                continue
            }
            let path = (outDir as NSString).appendingPathComponent(name)
            var bytes: [UInt8] = []
            JSONWriter.write(file, into: &bytes)
            bytes.append(0x0A)
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                stderr.write("import-growthbook: cannot write \(path)\n")
                return ABKitExitCode.cannotWrite.rawValue
            }
            stdout.write("\(path): \(key) (from \(rule.path))\n")
        }
        stderr.write("import-growthbook: wrote \(written.count) experiment files, skipped \(skipped) rules\n")
        return ABKitExitCode.success.rawValue
    }

    /// The experiment file of a rule: id and unit from its key and hash attribute, its seed,
    /// hash version, coverage, namespace and condition, and each variation as a variant keyed
    /// by its meta key (else index) whose message is `{"value": variation value}`. Checked by the
    /// experiment-file reader, so a written file always loads.
    static func experimentFile(_ rule: PayloadExperiment, payloadPath: String) -> Conversion {
        guard let config = rule.config else { return .skipped(rule.skipped ?? "not an experiment ExperimentConfig can reproduce") }
        var assignment: [(key: String, value: JSONValue)] = [
            (key: "seed", value: .string(config.hasher.seed)),
            (key: "hashVersion", value: .number(Double(config.hasher.version.rawValue))),
            (key: "coverage", value: .number(config.coverage)),
            (key: "hashAttribute", value: .string(config.hashAttribute)),
        ]
        if let namespace = config.namespace {
            assignment.append((key: "namespace", value: .object(JSONObject([
                (key: "id", value: .string(namespace.id)),
                (key: "range", value: .array([.number(namespace.range.start), .number(namespace.range.end)])),
            ]))))
        }
        if let targeting = config.targeting { assignment.append((key: "targeting", value: targeting.source)) }
        let variants: [JSONValue] = config.variants.map { v in
            .object(JSONObject([
                (key: "key", value: .string(v.key)), (key: "weight", value: .number(v.weight)), (key: "control", value: .bool(v.isControl)),
                (key: "message", value: .object(JSONObject([(key: "value", value: v.message ?? .null)]))),
            ]))
        }
        let file = JSONValue.object(JSONObject([
            (key: "id", value: .string(config.key)),
            (key: "hypothesis", value: .string("Imported from \(payloadPath), \(rule.path)" + (rule.ruleId.map { " (rule \($0))" } ?? ""))),
            (key: "unit", value: .string(config.hashAttribute)),
            (key: "assignment", value: .object(JSONObject(assignment))),
            (key: "variants", value: .array(variants)),
        ]))
        do { _ = try ExperimentSpec.validate(file, file: rule.path) } catch {
            return .skipped("the experiment file would be invalid: " + error.lines.joined(separator: "; "))
        }
        return .file(file)
    }

    /// A rule as an experiment file, or why it is skipped.
    enum Conversion {
        case file(JSONValue)
        case skipped(String)
    }

    /// `key.json` with characters outside [A-Za-z0-9._-] replaced by `_`, so a key cannot name
    /// a path outside the directory.
    static func fileName(_ key: String) -> String {
        let safe = String(key.map { c in c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-") ? c : "_" })
        return (safe.isEmpty || safe.hasPrefix(".") ? "_" + safe : safe) + ".json"
    }
}
