import ABAssign
import Dispatch

/// A block of input lines on its way through the collector's pipeline, with its parse results.
///
/// The reading thread hands the chunk a block of lines by exchanging buffers with the reader
/// (nothing is copied but the partial line after the block), one parsing task fills the
/// results, then the applying queue reads them after `parsedSignal`, so a chunk is never
/// shared concurrently. Chunks are recycled: their buffers are allocated (and their pages
/// faulted in) once per run, not once per block.
final class EventChunk: @unchecked Sendable {
    /// The chunk's buffer, exchanged with the reader's (``LineReader/nextBlock(exchanging:)``).
    var storage: UnsafeMutableRawBufferPointer
    /// The lines, in `storage`: separated by LF, the last one without a line end.
    private(set) var lines = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// A single over-long line the reader reported alone, kept whole (`lines` are empty then).
    private(set) var overlong: OverlongLine?
    /// The index of a CSV header line in the chunk, which is not data (−1: none).
    var headerLine = -1
    /// The parse results.
    var parsed = ParsedBatch()
    /// Signalled when `parsed` is complete.
    let parsedSignal = DispatchSemaphore(value: 0)

    /// A chunk whose buffer can be exchanged with a reader whose ``LineReader/blockCapacity`` is `capacity`.
    init(capacity: Int) {
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Holds a block of lines that `storage` now contains.
    func hold(_ block: UnsafeBufferPointer<UInt8>) {
        if let base = block.baseAddress {
            let offset = storage.baseAddress!.distance(to: UnsafeMutableRawPointer(mutating: base))
            precondition(offset >= 0 && offset + block.count <= storage.count, "the block is not in the chunk's buffer")
        }
        lines = block
        overlong = nil
        headerLine = -1
    }

    /// Holds an over-long line that the reader spooled alone.
    func holdTooLong(_ line: OverlongLine) {
        lines = UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 0)
        overlong = line
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
    /// The dates the parser read lately (working state, not a result).
    var days = TimestampParsing.DayCache()
    /// The CSV header's names when the input is CSV, for exposure lines' attributes (context, not a result).
    var csvColumns: [String]?

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
    /// The raw bytes' range in the chunk, the whole line without its line end (empty for a
    /// chunk's spooled ``EventChunk/overlong`` line).
    var start: Int
    var count: Int
    var reason: RejectReason
    var field: String?
    var detail: String
}

extension EventLineParser {
    /// Parses every line of `chunk` with the input's settled `format` (nil only while every
    /// line so far was blank or over-long, which need none), into `chunk.parsed`.
    func parse(_ chunk: EventChunk, format: LineScanner.Format?, slots: UnsafeMutableBufferPointer<ValueSlice>,
               priorities: UnsafeMutableBufferPointer<Int>, memo: UnsafeMutableBufferPointer<KeyMemo>) {
        chunk.parsed.clear()
        let text = chunk.lines
        if let overlong = chunk.overlong {
            chunk.parsed.lineCount = 1
            chunk.parsed.outcomes.append(.rejected)
            chunk.parsed.rejects.append(LineReject(
                line: 0, start: 0, count: 0, reason: .lineTooLong, field: nil, detail: tooLongDetail(overlong.length)))
            return
        }
        let quote = format.map(LineScanner.quote) ?? UInt8(ascii: "\"")
        var out = chunk.parsed
        chunk.parsed = ParsedBatch()
        if case let .csv(_, _, names)? = format { out.csvColumns = names } else { out.csvColumns = nil }
        let lineLimit = LineReader.lineLimit(maximumLineBytes)
        var lines = BlockLines(text)
        var index = 0
        while let range = lines.next() {
            defer { index += 1 }
            guard index != chunk.headerLine else { continue }
            guard range.count <= lineLimit else {
                // Kept whole (without a CR line end), so the rejects file gives the line back.
                let length = trimmedCR(UnsafeBufferPointer(rebasing: text[range])).count
                out.outcomes.append(.rejected)
                out.rejects.append(LineReject(
                    line: index, start: range.lowerBound, count: length, reason: .lineTooLong, field: nil, detail: tooLongDetail(length)))
                continue
            }
            let line = trimmedCR(UnsafeBufferPointer(rebasing: text[range]))
            if let failure = LineScanner.scan(line, format: format, matcher: matcher, slots: slots, priorities: priorities, memo: memo) {
                out.outcomes.append(.rejected)
                out.rejects.append(LineReject(
                    line: index, start: range.lowerBound, count: line.count, reason: failure.reason, field: nil,
                    detail: failure.detail))
            } else {
                parse(line, lineIndex: index, lineOffset: Int32(range.lowerBound), slots: slots, quote: quote, into: &out)
            }
        }
        out.lineCount = index
        chunk.parsed = out
    }

    private func tooLongDetail(_ length: Int) -> String {
        LineReader.tooLongDetail(length: length, maximumLineBytes: maximumLineBytes)
    }
}
