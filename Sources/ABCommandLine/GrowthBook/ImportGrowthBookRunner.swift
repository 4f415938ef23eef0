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
        for featureKey in payload.featureKeys {
            guard let feature = payload.features[featureKey] else { continue }
            for (index, rule) in feature.rules.enumerated() {
                guard let experiment = rule.experiment(featureKey: featureKey) else { continue }
                let place = "features.\(featureKey).rules[\(index)]"
                let file: JSONValue
                switch experimentFile(experiment, rule: rule, source: "\(payloadPath), \(place)") {
                case .file(let value): file = value
                case .skipped(let reason):
                    stderr.write("import-growthbook: \(payloadPath): \(place): skipped: \(reason)\n")
                    skipped += 1
                    continue
                }
                let name = fileName(experiment.key)
                guard written.insert(name).inserted else {
                    stderr.write("import-growthbook: \(payloadPath): \(place): skipped: experiment \"\(experiment.key)\" was already written from an earlier rule\n")
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
                stdout.write("\(path): \(experiment.key) (from \(place))\n")
            }
        }
        stderr.write("import-growthbook: wrote \(written.count) experiment files, skipped \(skipped) rules\n")
        return ABKitExitCode.success.rawValue
    }

    /// The experiment file of a feature rule's experiment: id and unit from its key and hash
    /// attribute; seed, hash version, coverage, namespace, condition, fallback attribute and
    /// GrowthBook's own fields (filters, ranges, bucket versions, sticky bucketing) in
    /// `assignment`; each variation a variant keyed by its meta key (else index) whose message
    /// is `{"value": variation value}`, the first the control. Rules an experiment file cannot
    /// express (prerequisites, saved groups, hash versions other than 1 and 2, fewer than two
    /// variations) are skipped, and the file is checked by the experiment-file reader, so a
    /// written file always loads.
    static func experimentFile(_ e: GrowthBookExperiment, rule: FeatureRule, source: String) -> Conversion {
        var unsupported: [String] = []
        if !rule.parentConditions.isEmpty { unsupported.append("parentConditions (prerequisites)") }
        if let condition = e.condition, GrowthBookPayload.usesSavedGroups(condition.source) { unsupported.append("saved groups in its condition") }
        if e.hashVersion != 1, e.hashVersion != 2 { unsupported.append("hashVersion \(e.hashVersion)") }
        if e.variations.count < 2 { unsupported.append("fewer than 2 variations") }
        guard unsupported.isEmpty else { return .skipped("uses " + unsupported.joined(separator: ", ") + ", which experiment files do not express") }
        func range(_ r: BucketRange) -> JSONValue { .array([.number(r.start), .number(r.end)]) }
        var a: [(key: String, value: JSONValue)] = [
            (key: "seed", value: .string(e.hashSeed)), (key: "hashVersion", value: .number(Double(e.hashVersion))),
            (key: "coverage", value: .number(min(max(e.coverage ?? 1, 0), 1))), (key: "hashAttribute", value: .string(e.hashAttribute)),
        ]
        // GrowthBook ignores the namespace of an experiment with filters; the file refuses both.
        if let namespace = e.namespace, e.filters.isEmpty {
            a.append((key: "namespace", value: .object(JSONObject([(key: "id", value: .string(namespace.id)), (key: "range", value: range(namespace.range))]))))
        }
        if let condition = e.condition { a.append((key: "targeting", value: condition.source)) }
        if let fallback = e.fallbackAttribute { a.append((key: "fallbackAttribute", value: .string(fallback))) }
        if e.bucketVersion != 0 { a.append((key: "bucketVersion", value: .number(Double(e.bucketVersion)))) }
        if e.minBucketVersion != 0 { a.append((key: "minBucketVersion", value: .number(Double(e.minBucketVersion)))) }
        if e.disableStickyBucketing { a.append((key: "stickyBucketing", value: .bool(false))) }
        if !e.filters.isEmpty {
            a.append((key: "filters", value: .array(e.filters.map { f in
                .object(JSONObject([(key: "attribute", value: .string(f.attribute)), (key: "seed", value: .string(f.seed)),
                                    (key: "hashVersion", value: .number(Double(f.hashVersion))), (key: "ranges", value: .array(f.ranges.map(range)))]))
            })))
        }
        if let ranges = e.ranges, !ranges.isEmpty { a.append((key: "ranges", value: .array(ranges.map(range)))) }
        let n = e.variations.count
        let weights = e.weights.flatMap { BucketRange.isValid(weights: $0, count: n) ? $0 : nil } ?? BucketRange.equalWeights(n)
        let variants: [JSONValue] = (0..<n).map { i in
            .object(JSONObject([
                (key: "key", value: .string(e.variationKey(i))), (key: "weight", value: .number(weights[i])), (key: "control", value: .bool(i == 0)),
                (key: "message", value: .object(JSONObject([(key: "value", value: e.variations[i])]))),
            ]))
        }
        let file = JSONValue.object(JSONObject([
            (key: "id", value: .string(e.key)),
            (key: "hypothesis", value: .string("Imported from \(source)" + (rule.id.map { " (rule \($0))" } ?? ""))),
            (key: "unit", value: .string(e.hashAttribute)),
            (key: "assignment", value: .object(JSONObject(a))),
            (key: "variants", value: .array(variants)),
        ]))
        do { _ = try ExperimentSpec.validate(file, file: source) } catch {
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
