import Foundation
import ABSummary
import ABKit
import ABEvents
import ABAssign

/// Writes assignment records as JSON lines or CSV rows into a reusable byte buffer that goes to
/// the output in large chunks: each experiment's constant parts (key, variants, messages) are
/// serialized once, so a record costs a few copies and no allocation.
///
/// JSON line: `{"id","experiment","inExperiment","variant","variationIndex","hashValue","reason","message"}`,
/// and `"sendAt"` (ISO 8601 UTC, or `null`) last when send times are resolved.
package struct AssignmentRecordWriter {
    /// The output format.
    package enum Format: String, Sendable, CaseIterable {
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
        /// Per variant: the send-time field for users without their own exposure time or zone
        /// (`,"sendAt":"…"` or `,…` in CSV); empty when send times are not resolved.
        var sendAts: [[UInt8]]
        /// The send-time field of a user in no variant: `,"sendAt":null`, `,` or nothing.
        var noSendAt: [UInt8]
    }

    /// The format written.
    package let format: Format
    private let prepared: [Prepared]
    /// The longest constant part of a record per experiment, to bound a record's size.
    private let longestConstants: [Int]
    private let output: ByteOutput
    /// Records not yet handed to `output`: `pending[0..<used]`.
    private var pending = [UInt8](repeating: 0, count: 1 << 19)
    private var used = 0

    /// The CSV header row.
    package static let csvHeader = "id,experiment,inExperiment,variant,variationIndex,hashValue,reason,message\n"

    /// The CSV header row with the `sendAt` column when send times are resolved.
    package static func csvHeader(sendTimes: Bool) -> String {
        sendTimes ? String(csvHeader.dropLast()) + ",sendAt\n" : csvHeader
    }

    /// Prepares the constant parts for `experiments`, whose records go to `output`.
    /// `sendAts`, when given, holds per experiment and variant the send time written for users
    /// without their own exposure time or zone (`nil`: none), and turns the `sendAt` field on.
    package init(format: Format, experiments: [ExperimentConfig], output: ByteOutput, sendAts: [[String?]]? = nil) {
        self.format = format
        self.output = output
        let prepared = experiments.enumerated().map { index, e in
            let variantSendAts = sendAts.map { all in e.variants.indices.map { Self.sendAtField(all[index][$0], format: format) } }
                ?? Array(repeating: [], count: e.variants.count)
            let noSendAt = sendAts == nil ? [] : Self.sendAtField(nil, format: format)
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
                return Prepared(experiment: experiment, variants: variants, messages: messages, sendAts: variantSendAts, noSendAt: noSendAt)
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
                return Prepared(experiment: experiment, variants: variants, messages: messages, sendAts: variantSendAts, noSendAt: noSendAt)
            }
        }
        self.prepared = prepared
        longestConstants = prepared.map { p in
            p.experiment.count + (p.variants.map(\.count).max() ?? 0) + (p.messages.map(\.count).max() ?? 0)
                + (p.sendAts.map(\.count).max() ?? 0) + 160
        }
    }

    /// The `sendAt` field: `,"sendAt":"2026-03-02T08:00:00Z"` or `,"sendAt":null` (CSV: `,value`).
    static func sendAtField(_ sendAt: String?, format: Format) -> [UInt8] {
        switch format {
        case .json:
            guard let sendAt else { return Array(#","sendAt":null"#.utf8) }
            var out = Array(#","sendAt":"#.utf8)
            JSONWriter.writeString(sendAt, into: &out)
            return out
        case .csv:
            return Array(("," + (sendAt ?? "")).utf8)
        }
    }

    /// Writes the record of outcome `a` in the experiment at `index` for user `id`.
    package mutating func write(id: String, experimentAt index: Int, _ a: AssignmentOutcome) {
        var id = id
        id.withUTF8 { write(id: $0, experimentAt: index, a) }
    }

    /// Writes the record of outcome `a` in the experiment at `index` for the user whose id is
    /// the UTF-8 `id`.
    package mutating func write(id: UnsafeBufferPointer<UInt8>, experimentAt index: Int, _ a: AssignmentOutcome) {
        Self.text(a.reason).withUTF8Buffer { reason in
            write(id: id, experimentAt: index, variationIndex: a.variationIndex, inExperiment: a.inExperiment,
                  hashValue: a.hashValue, reason: reason, sendAt: nil)
        }
    }

    /// Writes a record whose reason is any text (GrowthBook's run reasons) and whose send time,
    /// when `sendAt` is given, is the user's own (`.some(nil)`: none) rather than the variant's
    /// prepared one.
    package mutating func write(
        id: String, experimentAt index: Int, variationIndex: Int?, inExperiment: Bool, hashValue: Double?,
        reason: String, sendAt: String??
    ) {
        var id = id, reason = reason
        let field = sendAt.map { Self.sendAtField($0, format: format) }
        id.withUTF8 { id in
            reason.withUTF8 { reason in
                write(id: id, experimentAt: index, variationIndex: variationIndex, inExperiment: inExperiment,
                      hashValue: hashValue, reason: reason, sendAt: field)
            }
        }
    }

    private mutating func write(
        id: UnsafeBufferPointer<UInt8>, experimentAt index: Int, variationIndex: Int?, inExperiment: Bool,
        hashValue: Double?, reason: UnsafeBufferPointer<UInt8>, sendAt: [UInt8]?
    ) {
        // An escaped byte takes at most 6 bytes ("\u001f"); reserve the worst case, then copy
        // the record's parts straight into the buffer.
        let bound = 6 * id.count + 2 + longestConstants[index] + reason.count + (sendAt?.count ?? 0)
        if used + bound > pending.count {
            flush()
            if bound > pending.count { pending = [UInt8](repeating: 0, count: bound) }
        }
        let format = format
        used = prepared.withUnsafeBufferPointer { prepared in
            pending.withUnsafeMutableBufferPointer { buffer in
                var out = ByteCursor(buffer.baseAddress! + used)
                Self.record(id: id, variationIndex: variationIndex, inExperiment: inExperiment, hashValue: hashValue,
                            reason: reason, sendAt: sendAt, prepared[index], format: format, into: &out)
                return out.position - buffer.baseAddress!
            }
        }
        if used >= Self.chunk { flush() }
    }

    private static func record(
        id: UnsafeBufferPointer<UInt8>, variationIndex: Int?, inExperiment: Bool, hashValue: Double?,
        reason: UnsafeBufferPointer<UInt8>, sendAt: [UInt8]?, _ p: Prepared, format: Format, into out: inout ByteCursor
    ) {
        switch format {
        case .json:
            out.put(#"{"id":"#)
            if JSONWriter.needsEscaping(id) {
                var escaped: [UInt8] = []
                JSONWriter.writeString(utf8: id, into: &escaped)
                out.put(escaped)
            } else {
                out.put(UInt8(ascii: "\""))
                out.put(id)
                out.put(UInt8(ascii: "\""))
            }
            out.put(p.experiment)
            out.put(inExperiment ? "true" : "false")
            if let i = variationIndex { out.put(p.variants[i]) } else { out.put(#","variant":null,"variationIndex":null"#) }
            out.put(#","hashValue":"#)
            writeHash(hashValue, into: &out, null: "null")
            out.put(#","reason":""#)
            out.put(reason)
            out.put(#"","message":"#)
            if let i = variationIndex { out.put(p.messages[i]) } else { out.put("null") }
            if let sendAt { out.put(sendAt) } else if let i = variationIndex { out.put(p.sendAts[i]) } else { out.put(p.noSendAt) }
            out.put("}\n")
        case .csv:
            if csvNeedsQuotes(id) {
                var quoted: [UInt8] = []
                csvField(utf8: id, into: &quoted)
                out.put(quoted)
            } else {
                out.put(id)
            }
            out.put(p.experiment)
            out.put(inExperiment ? "true" : "false")
            if let i = variationIndex { out.put(p.variants[i]) } else { out.put(",,") }
            out.put(UInt8(ascii: ","))
            writeHash(hashValue, into: &out, null: "")
            out.put(UInt8(ascii: ","))
            out.put(reason)
            out.put(UInt8(ascii: ","))
            if let i = variationIndex { out.put(p.messages[i]) }
            if let sendAt { out.put(sendAt) } else if let i = variationIndex { out.put(p.sendAts[i]) } else { out.put(p.noSendAt) }
            out.put(0x0A)
        }
    }

    /// `reason.rawValue` as a static string (no `String` per record); a test checks they agree.
    static func text(_ reason: AssignmentReason) -> StaticString {
        switch reason {
        case .assigned: "assigned"
        case .forced: "forced"
        case .notRunning: "not-running"
        case .stopped: "stopped"
        case .missingHashAttribute: "missing-hash-attribute"
        case .targetingFailed: "targeting-failed"
        case .outsideNamespace: "outside-namespace"
        case .holdout: "holdout"
        case .outsideCoverage: "outside-coverage"
        }
    }

    /// Hands the buffered records to the output (which keeps its own buffer until flushed).
    package mutating func flush() {
        guard used > 0 else { return }
        pending.withUnsafeBytes { output.write(UnsafeRawBufferPointer(rebasing: $0[..<used])) }
        used = 0
    }

    /// At least the output's own buffer, so that chunks go straight to the file.
    private static let chunk = 1 << 18

    /// GrowthBook hashes are multiples of 1/10000; print them as JavaScript would ("0.123").
    static func writeHash(_ n: Double?, into out: inout [UInt8], null: StaticString) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var cursor = ByteCursor(buffer.baseAddress!)
            writeHash(n, into: &cursor, null: null)
            out.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress!, count: cursor.position - buffer.baseAddress!))
        }
    }

    static func writeHash(_ n: Double?, into out: inout ByteCursor, null: StaticString) {
        guard let n else { out.put(null); return }
        let k = Int((n * 10_000).rounded())
        guard Double(k) / 10_000 == n, k >= 0, k < 10_000 else { out.put(text: JSNumber.string(n)); return }
        out.put(UInt8(ascii: "0"))
        if k == 0 { return }
        out.put(UInt8(ascii: "."))
        var length = 4, rest = k
        while rest % 10 == 0 { rest /= 10; length -= 1 }
        var divisor = 1000
        for _ in 0..<length {
            out.put(UInt8(ascii: "0") + UInt8(k / divisor % 10))
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
        guard csvNeedsQuotes(bytes) else { out.append(contentsOf: bytes); return }
        out.append(0x22)
        for byte in bytes {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    /// Whether a CSV field holds a comma, quote or line break and must be quoted.
    static func csvNeedsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }
}

/// A write position in a buffer the caller has made large enough: appends are plain copies.
struct ByteCursor {
    private(set) var position: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { position = start }

    mutating func put(_ byte: UInt8) {
        position.pointee = byte
        position += 1
    }

    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        position.update(from: base, count: bytes.count)
        position += bytes.count
    }

    mutating func put(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { put($0) } }

    mutating func put(_ text: StaticString) {
        position.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        position += text.utf8CodeUnitCount
    }

    mutating func put(text: String) {
        var text = text
        text.withUTF8 { put($0) }
    }
}
