import ABAssign

/// Writes assignment records as JSON lines or CSV rows without per-record allocation beyond
/// the output buffer: each experiment's constant parts are serialized once.
///
/// JSON line: `{"id","experiment","inExperiment","variant","variationIndex","hashValue","reason","message"}`.
public struct AssignmentRecordWriter {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        case json, csv
    }

    private struct Prepared {
        var experimentJSON: [UInt8]
        var experimentCSV: [UInt8]
        var variantJSON: [[UInt8]]
        var variantCSV: [[UInt8]]
    }

    /// The format written.
    public let format: Format
    private let prepared: [String: Prepared]
    private var line: [UInt8] = []

    /// The CSV header row.
    public static let csvHeader = "id,experiment,inExperiment,variant,variationIndex,hashValue,reason,message\n"

    /// Prepares the constant parts for `experiments`.
    public init(format: Format, experiments: [ExperimentConfig]) {
        self.format = format
        var prepared: [String: Prepared] = [:]
        for e in experiments {
            var json: [UInt8] = Array(#","experiment":"#.utf8)
            JSONWriter.writeString(e.key, into: &json)
            json += Array(#","inExperiment":"#.utf8)
            var csv: [UInt8] = [UInt8(ascii: ",")]
            Self.csvField(e.key, into: &csv)
            csv.append(UInt8(ascii: ","))
            let variantJSON = e.variants.enumerated().map { i, v -> [UInt8] in
                var out: [UInt8] = Array(#","variant":"#.utf8)
                JSONWriter.writeString(v.key, into: &out)
                out += Array(",\"variationIndex\":\(i)".utf8)
                return out
            }
            let variantCSV = e.variants.enumerated().map { i, v -> [UInt8] in
                var out: [UInt8] = [UInt8(ascii: ",")]
                Self.csvField(v.key, into: &out)
                out += Array(",\(i)".utf8)
                return out
            }
            prepared[e.key] = Prepared(experimentJSON: json, experimentCSV: csv, variantJSON: variantJSON, variantCSV: variantCSV)
        }
        self.prepared = prepared
        line.reserveCapacity(512)
    }

    /// Writes the record of assignment `a` in `experiment` for user `id` to `output`.
    public mutating func write(id: String, experiment: String, _ a: AssignmentOutcome, messageJSON: [UInt8]?, to output: ByteOutput) {
        guard let p = prepared[experiment] else { return }
        line.removeAll(keepingCapacity: true)
        switch format {
        case .json:
            line += #"{"id":"#.utf8
            JSONWriter.writeString(id, into: &line)
            line += p.experimentJSON
            line += (a.inExperiment ? "true" : "false").utf8
            if let index = a.variationIndex { line += p.variantJSON[index] } else {
                line += #","variant":null,"variationIndex":null"#.utf8
            }
            line += #","hashValue":"#.utf8
            Self.writeHash(a.hashValue, into: &line, null: "null")
            line += #","reason":""#.utf8
            line += a.reason.rawValue.utf8
            line += #"","message":"#.utf8
            if let messageJSON { line += messageJSON } else { line += "null".utf8 }
            line += "}\n".utf8
        case .csv:
            Self.csvField(id, into: &line)
            line += p.experimentCSV
            line += (a.inExperiment ? "true" : "false").utf8
            if let index = a.variationIndex { line += p.variantCSV[index] } else { line += ",,".utf8 }
            line.append(UInt8(ascii: ","))
            Self.writeHash(a.hashValue, into: &line, null: "")
            line.append(UInt8(ascii: ","))
            line += a.reason.rawValue.utf8
            line.append(UInt8(ascii: ","))
            if let messageJSON { Self.csvField(String(decoding: messageJSON, as: UTF8.self), into: &line) }
            line.append(0x0A)
        }
        line.withUnsafeBytes { output.write($0) }
    }

    /// GrowthBook hashes are multiples of 1/10000; print them as JavaScript would ("0.123").
    static func writeHash(_ n: Double?, into out: inout [UInt8], null: String) {
        guard let n else { out += null.utf8; return }
        let k = Int((n * 10_000).rounded())
        guard Double(k) / 10_000 == n, k >= 0, k < 10_000 else { out += JSNumber.string(n).utf8; return }
        if k == 0 { out.append(UInt8(ascii: "0")); return }
        out += "0.".utf8
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
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { out += text.utf8; return }
        out.append(0x22)
        for byte in text.utf8 {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }
}
