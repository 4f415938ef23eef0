import ABAssign
import Foundation

/// An experiment file (`Experiments/*.json`), as docs/experiment-file.md defines it.
///
/// Read it with ``load(contentsOf:)`` or ``parse(_:file:)``, which list every problem with
/// its JSON path (`variants[1].weight: expected a number in [0, 1], got "x"`). It is also
/// `Codable`; decoding through `Decoder` runs the same validation.
public struct ExperimentSpec: Sendable, Codable {
    /// The experiment id.
    public var id: String
    /// What the experiment is expected to show.
    public var hypothesis: String?
    /// The unit of randomization, an attribute name (default "user_id").
    public var unit: String
    /// How users are bucketed.
    public var assignment: AssignmentSpec
    /// The variants, in order.
    public var variants: [VariantSpec]
    /// The event that marks a user as exposed.
    public var exposure: ExposureSpec?
    /// The metrics, primary first by convention.
    public var metrics: [MetricSpec]
    /// Analysis settings.
    public var analysis: AnalysisSpec
    /// Decision rules.
    public var decision: DecisionSpec
    /// Field-name overrides for the event data.
    public var source: SourceSpec
    /// Unit attributes that split every metric (country, platform, signup source).
    public var dimensions: [String]
    /// For a global holdout's analysis (a `holdout` section instead of variants and assignment):
    /// the holdout, whose groups `variants` and `assignment` then hold.
    package var holdoutAnalysis: HoldoutAnalysis?

    /// The exposure event: `{"event": "signup_completed"}`.
    public struct ExposureSpec: Sendable, Hashable, Codable {
        public var event: String
    }

    static let fields = ["$schema", "id", "hypothesis", "unit", "assignment", "variants", "exposure", "metrics",
                         "analysis", "decision", "source", "dimensions", "holdout"]

    /// Reads and validates the experiment file at `url`.
    public static func load(contentsOf url: URL) throws(ExperimentSpecError) -> ExperimentSpec {
        try load(path: url.path)
    }

    /// Reads and validates the experiment file at `path`, naming it as given in errors.
    public static func load(path: String) throws(ExperimentSpecError) -> ExperimentSpec {
        let data: Data
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        // Foundation's text for a directory is "The operation could not be completed. (NSCocoaErrorDomain error 256.)".
        guard !isDirectory.boolValue else { throw .unreadable(file: path, reason: "it is a directory, expected a JSON file") }
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(file: path, reason: FileManager.default.isReadableFile(atPath: path) ? error.localizedDescription : "permission denied")
        }
        return try parse(data, file: path)
    }

    /// Validates experiment JSON held in `data`; `file` names it in errors.
    public static func parse(_ data: Data, file: String = "<input>") throws(ExperimentSpecError) -> ExperimentSpec {
        let value: JSONValue
        do { value = try JSONParser.parse([UInt8](data)) } catch {
            // The same form as every other JSON input (JSONFileLoader): where, then what.
            let bytes = [UInt8](data)
            throw .invalidJSON(file: file, reason: "\(JSONFileLoader.lineAndColumn(of: error.offset, in: bytes)): not valid JSON: \(error.message)")
        }
        return try validate(value, file: file)
    }

    /// Validates an experiment given as a JSON value.
    public static func validate(_ value: JSONValue, file: String = "<input>") throws(ExperimentSpecError) -> ExperimentSpec {
        let reader = SpecReader()
        let spec = ExperimentSpec(reading: value, reader)
        guard let spec, reader.problems.isEmpty else {
            throw .invalid(file: file, problems: reader.problems.isEmpty
                ? [SpecProblem(path: "", message: "not a valid experiment")] : reader.problems)
        }
        return spec
    }

    private init?(reading value: JSONValue, _ r: SpecReader) {
        guard let o = r.object(value, "", allowed: Self.fields) else {
            r.fail("", "expected the experiment as a JSON object, got \(SpecReader.describe(value))")
            return nil
        }
        let id = r.string(o, "id", "", required: true)
        hypothesis = r.string(o, "hypothesis", "")
        unit = r.string(o, "unit", "") ?? "user_id"
        // A holdout's analysis: its two groups and their assignment follow from the holdout.
        var given = o
        if let value = o["holdout"] {
            if o["variants"] != nil || o["assignment"] != nil {
                r.fail("holdout", "expected either a holdout or variants and assignment: a holdout's groups and assignment follow from its id and share")
            } else if let holdout = HoldoutAnalysis(reading: value, at: "holdout", r) {
                given["variants"] = holdout.variants
                given["assignment"] = holdout.assignment
                holdoutAnalysis = holdout
            }
        }
        assignment = AssignmentSpec(reading: given["assignment"], at: "assignment", r)
        var variants: [VariantSpec] = []
        if let items = r.array(given, "variants", "", required: o["holdout"] == nil) {
            for (i, item) in items.enumerated() {
                if let v = VariantSpec(reading: item, at: "variants[\(i)]", r) { variants.append(v) }
            }
            if items.count < 2 { r.fail("variants", "expected at least 2 variants, got \(items.count)") }
        }
        self.variants = variants
        if let e = r.object(o["exposure"], "exposure", required: false, allowed: ["event"]),
            let event = r.string(e, "event", "exposure", required: true)
        {
            exposure = ExposureSpec(event: event)
        }
        var metrics: [MetricSpec] = []
        for (i, item) in (r.array(o, "metrics", "") ?? []).enumerated() {
            if let m = MetricSpec(reading: item, at: "metrics[\(i)]", r) { metrics.append(m) }
        }
        self.metrics = metrics
        analysis = AnalysisSpec(reading: o["analysis"], at: "analysis", r)
        decision = DecisionSpec(reading: o["decision"], at: "decision", r)
        source = SourceSpec(reading: o["source"], at: "source", r)
        dimensions = r.strings(o, "dimensions", "") ?? []
        guard let id else { return nil }
        self.id = id
        crossCheck(r)
    }

    /// Checks that need more than one field: unique keys, weight sum, references.
    private func crossCheck(_ r: SpecReader) {
        var keys = Set<String>()
        for (i, v) in variants.enumerated() where !keys.insert(v.key).inserted {
            r.fail("variants[\(i)].key", "duplicate variant key \"\(v.key)\"")
        }
        if variants.count >= 2 {
            let total = variants.reduce(0) { $0 + $1.weight }
            if !BucketRange.isValid(weights: variants.map(\.weight), count: variants.count) {
                r.fail("variants", "expected weights summing to 1 (within 0.01), got \(JSNumber.string(total))")
            }
        }
        if variants.filter(\.control).count > 1 { r.fail("variants", "expected at most one variant with \"control\": true") }
        for (user, key) in (assignment.overrides ?? [:]).sorted(by: { $0.key < $1.key }) where !keys.contains(key) {
            r.fail("assignment.overrides[\"\(user)\"]", "expected one of the variant keys \(variants.map(\.key)), got \"\(key)\"")
        }
        assignment.crossCheck(variantKeys: variants.map(\.key), at: "assignment", r)
        var ids = Set<String>()
        for (i, m) in metrics.enumerated() where !ids.insert(m.id).inserted {
            r.fail("metrics[\(i)].id", "duplicate metric id \"\(m.id)\"")
        }
        if metrics.filter(\.primary).count > 1 { r.fail("metrics", "expected at most one primary metric") }
        if let ship = decision.ship, !ids.contains(ship.metric) {
            r.fail("decision.ship.metric", "expected one of the metric ids \(metrics.map(\.id)), got \"\(ship.metric)\"")
        }
    }

    /// The control variant: the one marked control, else the first.
    public var control: VariantSpec? { variants.first(where: \.control) ?? variants.first }

    /// The primary metric: the one marked primary, else the first.
    public var primaryMetric: MetricSpec? { metrics.first(where: \.primary) ?? metrics.first }

    private enum CodingKeys: String, CodingKey {
        case id, hypothesis, unit, assignment, variants, exposure, metrics, analysis, decision, source, dimensions, holdout
    }

    /// Encodes the file's fields; a holdout's analysis writes its `holdout` section in place of the
    /// variants and assignment that follow from it, so decoding reads it back the same.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(hypothesis, forKey: .hypothesis)
        try c.encode(unit, forKey: .unit)
        if let holdoutAnalysis {
            try c.encode(holdoutAnalysis, forKey: .holdout)
        } else {
            try c.encode(assignment, forKey: .assignment)
            try c.encode(variants, forKey: .variants)
        }
        try c.encodeIfPresent(exposure, forKey: .exposure)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(analysis, forKey: .analysis)
        try c.encode(decision, forKey: .decision)
        try c.encode(source, forKey: .source)
        try c.encode(dimensions, forKey: .dimensions)
    }

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        do { self = try Self.validate(value) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.lines.joined(separator: "\n")))
        }
    }
}
