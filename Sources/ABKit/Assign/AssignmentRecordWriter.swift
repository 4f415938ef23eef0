import ABAssign

/// Writes assignment records as JSON lines or CSV rows into a reusable byte buffer that goes to
/// the output in large chunks: each experiment's constant parts (key, variants, messages) are
/// serialized once, so a record costs a few copies and no allocation.
///
/// JSON line: `{"id","experiment","inExperiment","variant","variationIndex","hashValue","reason","message"}`.
public struct AssignmentRecordWriter {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        case json, csv
    }

    /// One experiment's constant parts, in the chosen format.
    private struct Prepared {
        /// After the id up to the `inExperiment` value: `,"experiment":"key","inExperiment":`.
        var experiment: [UInt8]
        /// Per variant: `,"variant":"key","variationIndex":i`.
        var variants: [[UInt8]]
        /// Per variant: the message JSON (a CSV field in CSV), or `null` (nothing in CSV).
        var messages: [[UInt8]]
    }

    /// The format written.
    public let format: Format
    private let prepared: [Prepared]
    private let output: ByteOutput
    private var pending: [UInt8] = []
    private static let chunk = 1 << 16

    /// The CSV header row.
    public static let csvHeader = "id,experiment,inExperiment,variant,variationIndex,hashValue,reason,message\n"

    /// Prepares the constant parts for `experiments`, whose records go to `output`.
    public init(format: Format, experiments: [ExperimentConfig], output: ByteOutput) {
        self.format = format
        self.output = output
        prepared = experiments.map { e in
            let messages = e.variants.map { v -> [UInt8] in
                var json: [UInt8] = []
                if let message = v.message { JSONWriter.write(message, into: &json) } else if format == .json {
                    json = Array("null".utf8)
                }
                guard format == .csv, !json.isEmpty else { return json }
                var csv: [UInt8] = []
                Self.csvField(String(decoding: json, as: UTF8.self), into: &csv)
                return csv
            }
            switch format {
            case .json:
                var experiment: [UInt8] = Array(#","experiment":"#.utf8)
                JSONWriter.writeString(e.key, into: &experiment)
                experiment += Array(#","inExperiment":"#.utf8)
                let variants = e.variants.enumerated().map { i, v -> [UInt8] in
                    var out: [UInt8] = Array(#","variant":"#.utf8)
                    JSONWriter.writeString(v.key, into: &out)
                    out += Array(",\"variationIndex\":\(i)".utf8)
                    return out
                }
                return Prepared(experiment: experiment, variants: variants, messages: messages)
            case .csv:
                var experiment: [UInt8] = [UInt8(ascii: ",")]
                Self.csvField(e.key, into: &experiment)
                experiment.append(UInt8(ascii: ","))
                let variants = e.variants.enumerated().map { i, v -> [UInt8] in
                    var out: [UInt8] = [UInt8(ascii: ",")]
                    Self.csvField(v.key, into: &out)
                    out += Array(",\(i)".utf8)
                    return out
                }
                return Prepared(experiment: experiment, variants: variants, messages: messages)
            }
        }
        pending.reserveCapacity(Self.chunk + 4096)
    }

    /// Writes the record of outcome `a` in the experiment at `index` for user `id`.
    public mutating func write(id: String, experimentAt index: Int, _ a: AssignmentOutcome) {
        var id = id
        id.withUTF8 { write(id: $0, experimentAt: index, a) }
    }

    /// Writes the record of outcome `a` in the experiment at `index` for the user whose id is
    /// the UTF-8 `id`.
    public mutating func write(id: UnsafeBufferPointer<UInt8>, experimentAt index: Int, _ a: AssignmentOutcome) {
        let p = prepared[index]
        var reason = a.reason.rawValue
        switch format {
        case .json:
            pending.append(contentsOf: Self.jsonStart)
            JSONWriter.writeString(utf8: id, into: &pending)
            pending.append(contentsOf: p.experiment)
            pending.append(contentsOf: a.inExperiment ? Self.trueBytes : Self.falseBytes)
            if let i = a.variationIndex { pending.append(contentsOf: p.variants[i]) } else {
                pending.append(contentsOf: Self.jsonNoVariant)
            }
            pending.append(contentsOf: Self.jsonHash)
            Self.writeHash(a.hashValue, into: &pending, null: "null")
            pending.append(contentsOf: Self.jsonReason)
            reason.withUTF8 { pending.append(contentsOf: $0) }
            pending.append(contentsOf: Self.jsonMessage)
            pending.append(contentsOf: a.variationIndex.map { p.messages[$0] } ?? Self.nullBytes)
            pending.append(contentsOf: Self.jsonEnd)
        case .csv:
            Self.csvField(utf8: id, into: &pending)
            pending.append(contentsOf: p.experiment)
            pending.append(contentsOf: a.inExperiment ? Self.trueBytes : Self.falseBytes)
            if let i = a.variationIndex { pending.append(contentsOf: p.variants[i]) } else {
                pending.append(UInt8(ascii: ","))
                pending.append(UInt8(ascii: ","))
            }
            pending.append(UInt8(ascii: ","))
            Self.writeHash(a.hashValue, into: &pending, null: "")
            pending.append(UInt8(ascii: ","))
            reason.withUTF8 { pending.append(contentsOf: $0) }
            pending.append(UInt8(ascii: ","))
            if let i = a.variationIndex { pending.append(contentsOf: p.messages[i]) }
            pending.append(0x0A)
        }
        if pending.count >= Self.chunk { flush() }
    }

    /// Hands the buffered records to the output (which keeps its own buffer until flushed).
    public mutating func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { output.write($0) }
        pending.removeAll(keepingCapacity: true)
    }

    private static let jsonStart: [UInt8] = Array(#"{"id":"#.utf8)
    private static let jsonNoVariant: [UInt8] = Array(#","variant":null,"variationIndex":null"#.utf8)
    private static let jsonHash: [UInt8] = Array(#","hashValue":"#.utf8)
    private static let jsonReason: [UInt8] = Array(#","reason":""#.utf8)
    private static let jsonMessage: [UInt8] = Array(#"","message":"#.utf8)
    private static let jsonEnd: [UInt8] = Array("}\n".utf8)
    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)

    /// GrowthBook hashes are multiples of 1/10000; print them as JavaScript would ("0.123").
    static func writeHash(_ n: Double?, into out: inout [UInt8], null: String) {
        guard let n else { out += null.utf8; return }
        let k = Int((n * 10_000).rounded())
        guard Double(k) / 10_000 == n, k >= 0, k < 10_000 else { out += JSNumber.string(n).utf8; return }
        out.append(UInt8(ascii: "0"))
        if k == 0 { return }
        out.append(UInt8(ascii: "."))
        var length = 4, rest = k
        while rest % 10 == 0 { rest /= 10; length -= 1 }
        var divisor = 1000
        for _ in 0..<length {
            out.append(UInt8(ascii: "0") + UInt8(k / divisor % 10))
            divisor /= 10
        }
    }

    /// Appends `text` as a CSV field, quoted when it holds a comma, quote or line break.
    static func csvField(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { csvField(utf8: $0, into: &out) }
    }

    /// Appends UTF-8 `bytes` as a CSV field, quoted when they hold a comma, quote or line break.
    static func csvField(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { out.append(contentsOf: bytes); return }
        out.append(0x22)
        for byte in bytes {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }
}
