import ABAssign
import Dispatch

/// A block of input lines on its way through the collector's pipeline, with its parse results.
///
/// The reading thread copies a reader block in (one copy per few megabytes), one parsing task
/// fills the results, then the applying queue reads them after ``parsed`` is signalled, so a
/// chunk is never shared concurrently. Chunks are recycled: their buffers are allocated (and
/// their pages faulted in) once per run, not once per block.
final class EventChunk: @unchecked Sendable {
    /// The lines' bytes, separated by LF; the last line has no line end.
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes of `bytes` hold lines.
    private(set) var count = 0
    /// The original length of a single over-long line the reader reported alone (`bytes` hold its first bytes).
    private(set) var tooLongLength: Int?
    /// The index of a CSV header line in the chunk, which is not data (−1: none).
    var headerLine = -1
    /// The parse results.
    var parsed = ParsedBatch()
    /// Signalled when `parsed` is complete.
    let parsedSignal = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }

    /// The filled bytes.
    var lines: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[..<count]) }

    /// Takes a copy of a reader block (or of an over-long line's first bytes, with its `length`).
    func fill(_ block: UnsafeBufferPointer<UInt8>, tooLong length: Int? = nil) {
        if block.count > bytes.count {
            bytes.deallocate()
            bytes = .allocate(capacity: block.count)
        }
        if let base = block.baseAddress { bytes.baseAddress!.update(from: base, count: block.count) }
        count = block.count
        tooLongLength = length
        headerLine = -1
    }
}

/// A chunk's parse results, in line order.
struct ParsedBatch {
    /// Lines in the chunk, a CSV header included.
    var lineCount = 0
    /// One per data line (not for a CSV header).
    var outcomes: [LineOutcome] = []
    /// The rejected lines, in line order.
    var rejects: [LineReject] = []
    /// Decoded strings (escaped user and event ids).
    var extra: [UInt8] = []
    /// Values of the value fields, `valueFields.count` per event line.
    var values: [Double] = []
    /// Dimension labels of exposure lines, `dimensions.count` per exposure.
    var labels: [String?] = []
    /// Attribute objects of exposure lines, for targeting.
    var attributes: [JSONObject] = []
    /// The date the parser read last (working state, not a result).
    var days = TimestampParsing.DayCache()

    /// Empties the results, keeping their storage for the next chunk.
    mutating func clear() {
        lineCount = 0
        outcomes.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        extra.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
    }
}

/// A rejected line of a chunk: where it is, and why.
struct LineReject {
    /// The line's index in the chunk (0-based, a header counted).
    var line: Int
    /// The raw bytes' range in the chunk (the first bytes only for an over-long line).
    var start: Int
    var count: Int
    /// An over-long line's original length.
    var tooLong: Int?
    var reason: RejectReason
    var field: String?
    var detail: String
}

extension EventLineParser {
    /// Parses every line of `chunk` with the input's settled `format` (nil only while every
    /// line so far was blank or over-long, which need none), into `chunk.parsed`.
    func parse(_ chunk: EventChunk, format: LineScanner.Format?, slots: UnsafeMutableBufferPointer<ValueSlice>,
               priorities: UnsafeMutableBufferPointer<Int>) {
        chunk.parsed.clear()
        let text = chunk.lines
        if let length = chunk.tooLongLength {
            chunk.parsed.lineCount = 1
            chunk.parsed.outcomes.append(.rejected)
            chunk.parsed.rejects.append(LineReject(
                line: 0, start: 0, count: text.count, tooLong: length, reason: .lineTooLong, field: nil, detail: tooLongDetail(length)))
            return
        }
        let quote = format.map(LineScanner.quote) ?? UInt8(ascii: "\"")
        var out = chunk.parsed
        chunk.parsed = ParsedBatch()
        // The reader's rule: a limit below the kept prefix is raised to it.
        let lineLimit = max(maximumLineBytes, LineReader.prefixLength)
        var lines = BlockLines(text)
        var index = 0
        while let range = lines.next() {
            defer { index += 1 }
            guard index != chunk.headerLine else { continue }
            guard range.count <= lineLimit else {
                out.outcomes.append(.rejected)
                out.rejects.append(LineReject(
                    line: index, start: range.lowerBound, count: min(range.count, LineReader.prefixLength), tooLong: range.count,
                    reason: .lineTooLong, field: nil, detail: tooLongDetail(range.count)))
                continue
            }
            let line = trimmedCR(UnsafeBufferPointer(rebasing: text[range]))
            if let failure = LineScanner.scan(line, format: format, matcher: matcher, slots: slots, priorities: priorities) {
                out.outcomes.append(.rejected)
                out.rejects.append(LineReject(
                    line: index, start: range.lowerBound, count: line.count, tooLong: nil, reason: failure.reason, field: nil,
                    detail: failure.detail))
            } else {
                parse(line, lineIndex: index, lineOffset: Int32(range.lowerBound), slots: slots, quote: quote, into: &out)
            }
        }
        out.lineCount = index
        chunk.parsed = out
    }

    private func tooLongDetail(_ length: Int) -> String {
        "the line has \(length) bytes; the limit is \(maximumLineBytes)"
    }
}
