import ABAssign
import Dispatch
import Foundation

/// Reads event logs (JSONL or CSV, files or stdin, gzip or not) and turns them into per-variant
/// sufficient statistics for the metrics of a ``CollectorPlan``.
///
/// Lines are scanned in place (``JSONObjectScanner``, ``CSVRowScanner``); user ids become dense
/// integers (``ByteInterner``) and events are kept in flat columns until ``finish()`` resolves
/// exposure and computes every metric per unit. Bad lines are rejected with a reason and
/// counted; nothing is dropped silently.
public final class EventCollector {
    /// The plan being followed.
    public let plan: CollectorPlan
    let rejects: RejectWriter
    var accounting = CollectionAccounting()

    /// The dimension name that splits metrics by the UTC hour of day of exposure.
    public static let exposureHourDimension = "exposure_hour"

    /// Parses lines; immutable, shared by the parsing threads.
    let parser: EventLineParser
    /// Metric event names, by code.
    var metricEvents: [[UInt8]] { parser.metricEvents }
    /// The value fields read, by column.
    var valueFields: [String] { parser.valueFields }
    /// For each metric event code, the latest time after exposure at which some metric reads it.
    let reach: [Int64]

    /// Interned ids, per-user state and metric event columns.
    var state: CollectorState
    /// Lines of the current source before the chunk being applied (for reject line numbers).
    private var linesBeforeChunk = 0
    /// The current source's size in bytes when known, until its first chunk sized the event-id table.
    private var sizeToReserveFor: Int?
    /// Where the bytes read are reported (a terminal's progress line), if anywhere.
    public var progress: ProgressMeter?
    /// Whether ``finish()`` returns each exposed unit's variant (``CollectionResult/unitVariants``).
    public var keepsUnitVariants = false
    /// Labels given per unit for dimensions of the plan that no event line carries, such as the
    /// variant each unit got in a concurrent experiment: dimension name → unit id → label.
    /// A unit without a label is in no slice of that dimension.
    public var givenLabels: [String: [String: String]] = [:]

    /// Follows `plan`, writing rejected lines to `rejects`.
    public init(plan: CollectorPlan, rejects: RejectWriter) throws(CollectorError) {
        guard plan.variants.count >= 2 else { throw .badPlan("an experiment needs at least 2 variants") }
        guard plan.variants.count < 127 else { throw .badPlan("at most 126 variants are supported") }
        self.plan = plan
        self.rejects = rejects
        parser = EventLineParser(plan: plan)
        guard parser.metricEvents.count < Int(UInt16.max) else { throw .badPlan("too many metric events") }
        var reachByEvent: [String: Int64] = [:]
        for metric in plan.metrics {
            for event in metric.events { reachByEvent[event] = max(reachByEvent[event] ?? 0, metric.reachMilliseconds) }
        }
        reach = parser.metricEvents.map { reachByEvent[String(decoding: $0, as: UTF8.self)]! }
        state = CollectorState(dimensions: plan.dimensions.count, valueFields: parser.valueFields.count)
    }

    /// Reads every line of `source`: JSONL when its first line starts with `{`, else CSV with a header.
    ///
    /// A pipeline: this thread reads blocks of whole lines (a few megabytes each) straight into
    /// recycled chunks, the machine's cores parse chunks concurrently, and one serial queue applies the
    /// parsed chunks in input order, so results never depend on timing. At most `depth` chunks
    /// exist at once, which bounds memory whatever the input size.
    public func ingest(_ source: ByteSource) {
        let name = source.name
        var reader = LineReader(source: source, maximumLineBytes: plan.maximumLineBytes)
        var scanner = LineScanner(matcher: parser.matcher)
        let parseQueue = DispatchQueue(label: "abkit.collector.parse", attributes: .concurrent)
        let applyQueue = DispatchQueue(label: "abkit.collector.apply")
        let depth = 2 * max(2, ProcessInfo.processInfo.activeProcessorCount) + 2
        let pool = ChunkPool(count: depth, capacity: reader.blockCapacity)
        let group = DispatchGroup()
        nonisolated(unsafe) let collector = self
        let parser = self.parser
        linesBeforeChunk = 0
        sizeToReserveFor = source.byteCountHint
        var linesBeforeHeader = 0
        var reported = 0
        reading: while true {
            let chunk = pool.take()
            guard let block = reader.nextBlock(exchanging: &chunk.storage) else {
                pool.put(chunk)
                break
            }
            if let progress {
                let read = source.fileBytesRead
                progress.advance(by: read - reported)
                reported = read
            }
            switch block {
            case let .lines(bytes):
                chunk.hold(bytes)
                if scanner.format == nil {
                    chunk.headerLine = settleFormat(&scanner, bytes)
                    if let names = scanner.csvColumns, let problem = LineScanner.headerProblem(names, required: [
                        ("unit id", plan.fields.user), ("event", plan.fields.event), ("timestamp", plan.fields.timestamp),
                    ]) {
                        // Every line would be rejected for the same reason: say it once, as an error.
                        source.fail(.badInput(path: name, line: linesBeforeHeader + chunk.headerLine + 1, field: problem.field, message: problem.message))
                        pool.put(chunk)
                        break reading
                    }
                    if scanner.format == nil { linesBeforeHeader += BlockLines.count(bytes) }
                }
            case let .tooLong(line):
                chunk.holdTooLong(line)
            }
            let format = scanner.format
            parseQueue.async(group: group) {
                var slots = [ValueSlice](repeating: .missing, count: parser.matcher.slotCount)
                var priorities = [Int](repeating: .max, count: parser.matcher.slotCount)
                var memo = [KeyMemo](repeating: KeyMemo(), count: 32)
                slots.withUnsafeMutableBufferPointer { slots in
                    priorities.withUnsafeMutableBufferPointer { priorities in
                        memo.withUnsafeMutableBufferPointer { parser.parse(chunk, format: format, slots: slots, priorities: priorities, memo: $0) }
                    }
                }
                chunk.parsedSignal.signal()
            }
            applyQueue.async(group: group) {
                chunk.parsedSignal.wait()
                collector.apply(chunk, file: name)
                pool.put(chunk)
            }
        }
        group.wait()
        progress?.advance(by: source.fileBytesRead - reported)
        rejects.flush()
    }

    /// Settles the input's format on the first line of `block` that is neither blank nor over
    /// the limit, if there is one; returns that line's index when it is a CSV header, else −1.
    private func settleFormat(_ scanner: inout LineScanner, _ block: UnsafeBufferPointer<UInt8>) -> Int {
        let limit = LineReader.lineLimit(plan.maximumLineBytes)
        var lines = BlockLines(block)
        var index = 0
        while scanner.format == nil, let range = lines.next() {
            defer { index += 1 }
            guard range.count <= limit else { continue }
            if scanner.settleFormat(trimmedCR(UnsafeBufferPointer(rebasing: block[range]))) { return index }
        }
        return -1
    }

    /// Applies a parsed chunk: rejects, duplicates, exposures and metric events.
    private func apply(_ chunk: EventChunk, file: String) {
        let parsed = chunk.parsed
        let firstLine = linesBeforeChunk
        linesBeforeChunk += parsed.lineCount
        accounting.linesRead += parsed.outcomes.count
        let bytes = chunk.lines
        // Rejects touch no other state, so writing them first keeps their order and every count.
        for r in parsed.rejects {
            let raw: RejectedBytes = chunk.overlong.map { .overlong($0) } ?? .bytes(UnsafeBufferPointer(rebasing: bytes[r.start..<r.start + r.count]))
            reject(file, firstLine + r.line + 1, r.reason, r.field, r.detail, raw)
        }
        let eventIDsBefore = state.eventIDs.count
        state.apply(bytes, parsed, accounting: &accounting)
        if let size = sizeToReserveFor, bytes.count > 0 {
            sizeToReserveFor = nil
            reserveEventIDs(seen: state.eventIDs.count - eventIDsBefore, inBytes: bytes.count, of: size)
        }
    }

    /// Sizes the event-id table for a whole file from its first chunk, where `seen` new ids
    /// came in `inBytes` of the file's `size` bytes: growing it step by step to millions of ids
    /// rehashes and copies everything several times on the one applying thread.
    private func reserveEventIDs(seen: Int, inBytes: Int, of size: Int) {
        guard seen > 0, size > inBytes else { return }
        let scale = Double(size) / Double(inBytes)
        // A tenth more than the first chunk's rate predicts; ids beyond that just grow the table.
        let expected = Int((Double(seen) * scale * 1.1).rounded(.up))
        let averageBytes = state.eventIDs.count > 0 ? state.eventIDs.byteCount / state.eventIDs.count + 1 : 16
        state.eventIDs.reserve(state.eventIDs.count + expected, bytes: state.eventIDs.byteCount + expected * averageBytes)
    }

    func reject(_ file: String, _ line: Int, _ reason: RejectReason, _ field: String?, _ detail: String, _ raw: RejectedBytes) {
        accounting.rejectedByReason[reason, default: 0] += 1
        rejects.reject(file: file, line: line, reason: reason, field: field, detail: detail, raw: raw)
    }

}

@inline(__always) func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBufferPointer { p in
        for i in 0..<p.count where p[i] != b[i] { return false }
        return true
    }
}

/// `line` without a trailing CR.
func trimmedCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard let last = line.last, last == 0x0D else { return line }
    return UnsafeBufferPointer(rebasing: line.dropLast())
}

func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
}

func firstNonSpace(_ line: UnsafeBufferPointer<UInt8>) -> UInt8? {
    line.first { $0 != 0x20 && $0 != 0x09 }
}

func isValidUTF8(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    String(validating: line, as: UTF8.self) != nil
}
