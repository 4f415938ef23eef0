/// A run of input lines copied out of the reader, parsed by one worker.
struct LineBatch {
    /// The lines' bytes, back to back.
    var bytes: [UInt8] = []
    /// Each line's start in `bytes`, line number, and original length when it was over the limit.
    var lines: [(start: Int32, count: Int32, number: Int, tooLong: Int?)] = []

    init() {
        bytes.reserveCapacity(1 << 22)
        lines.reserveCapacity(1 << 15)
    }

    /// Whether the batch is full.
    var isFull: Bool { lines.count >= 1 << 15 || bytes.count >= 1 << 22 }
}

/// A batch's parse results, in line order.
struct ParsedBatch {
    var outcomes: [LineOutcome] = []
    /// The rejected lines, in line order: index in the batch, reason, field and explanation.
    var rejects: [(index: Int, reason: RejectReason, field: String?, detail: String)] = []
    /// Decoded strings (escaped user and event ids).
    var extra: [UInt8] = []
    /// Values of the value fields, `valueFields.count` per event line.
    var values: [Double] = []
    /// Dimension labels of exposure lines, `dimensions.count` per exposure.
    var labels: [String?] = []
    /// Attribute objects of exposure lines, for targeting.
    var attributes: [JSONObjectBox] = []
}

import ABAssign

/// The attributes of an exposure line.
typealias JSONObjectBox = JSONObject

extension LineBatch {
    /// Copies a line in.
    mutating func append(_ line: UnsafeBufferPointer<UInt8>, number: Int, tooLong: Int?) {
        lines.append((Int32(bytes.count), Int32(line.count), number, tooLong))
        bytes.append(contentsOf: line)
    }
}

extension EventLineParser {
    /// Parses every line of `batch` with a scanner whose format is settled.
    func parse(_ batch: LineBatch, scanner: LineScanner) -> ParsedBatch {
        var scanner = scanner
        var out = ParsedBatch()
        out.outcomes.reserveCapacity(batch.lines.count)
        out.values.reserveCapacity(batch.lines.count * valueFields.count)
        let quote = scanner.quote
        batch.bytes.withUnsafeBufferPointer { bytes in
            for (index, line) in batch.lines.enumerated() {
                if let length = line.tooLong {
                    out.outcomes.append(.rejected)
                    out.rejects.append((index, .lineTooLong, nil, "the line has \(length) bytes; the limit is \(maximumLineBytes)"))
                    continue
                }
                let text = UnsafeBufferPointer(rebasing: bytes[Int(line.start)..<Int(line.start + line.count)])
                var outcome: ParsedLine?
                if let failure = scanner.scan(text, { slots in
                    outcome = parse(text, lineOffset: line.start, slots: slots, quote: quote, into: &out)
                }) {
                    outcome = .reject(failure.reason, field: nil, detail: failure.detail)
                }
                switch outcome! {
                case let .reject(reason, field, detail):
                    out.outcomes.append(.rejected)
                    out.rejects.append((index, reason, field, detail))
                case let .otherExperiment(time): out.outcomes.append(.otherExperiment(time: time))
                case let .event(event): out.outcomes.append(.event(event))
                }
            }
        }
        return out
    }
}

/// A batch on its way through the collector's pipeline: written by one parsing task, then read
/// by the applying queue after a semaphore hands it over, so it is never shared concurrently.
final class BatchSlot: @unchecked Sendable {
    let batch: LineBatch
    var parsed: ParsedBatch?

    init(_ batch: LineBatch) { self.batch = batch }
}
