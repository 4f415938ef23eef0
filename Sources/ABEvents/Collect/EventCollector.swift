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
    /// Lines are read in batches; each round, the machine's cores parse the new batches while one
    /// of them applies the previous round in input order, so results never depend on timing.
    public func ingest(_ source: ByteSource) {
        let name = source.name
        var reader = LineReader(source: source, maximumLineBytes: plan.maximumLineBytes)
        var scanner = LineScanner(matcher: parser.matcher)
        // A pipeline: this thread reads batches of lines, worker threads parse them, and one
        // serial queue applies the parsed batches in input order. At most `inFlight` batches
        // exist at once, which bounds memory whatever the input size.
        let parseQueue = DispatchQueue(label: "abkit.collector.parse", attributes: .concurrent)
        let applyQueue = DispatchQueue(label: "abkit.collector.apply")
        let inFlight = DispatchSemaphore(value: 2 * max(2, ProcessInfo.processInfo.activeProcessorCount) + 2)
        let group = DispatchGroup()
        nonisolated(unsafe) let collector = self
        let parser = self.parser
        var finished = false
        while !finished {
            var batch = LineBatch()
            while !batch.isFull {
                guard let line = reader.next() else { finished = true; break }
                switch line {
                case let .tooLong(prefix, length):
                    batch.append(prefix, number: reader.lineNumber, tooLong: length)
                case let .text(bytes):
                    if scanner.format == nil, !isBlank(bytes), scanner.settleFormat(bytes) { continue }
                    batch.append(bytes, number: reader.lineNumber, tooLong: nil)
                }
            }
            guard !batch.lines.isEmpty else { break }
            inFlight.wait()
            let slot = BatchSlot(batch)
            let parsed = DispatchSemaphore(value: 0)
            let settled = scanner
            parseQueue.async(group: group) {
                slot.parsed = parser.parse(slot.batch, scanner: settled)
                parsed.signal()
            }
            applyQueue.async(group: group) {
                parsed.wait()
                collector.apply(slot.batch, slot.parsed!, file: name)
                slot.parsed = nil
                inFlight.signal()
            }
        }
        group.wait()
        rejects.flush()
    }

    /// Applies a parsed batch: rejects, duplicates, exposures and metric events.
    private func apply(_ batch: LineBatch, _ result: ParsedBatch, file: String) {
        accounting.linesRead += result.outcomes.count
        // Rejects touch no other state, so writing them first keeps their order and every count.
        batch.bytes.withUnsafeBufferPointer { bytes in
            for (index, reason, field, detail) in result.rejects {
                let line = batch.lines[index]
                let raw = UnsafeBufferPointer(rebasing: bytes[Int(line.start)..<Int(line.start + line.count)])
                reject(file, line.number, reason, field, detail, raw, truncatedFrom: line.tooLong)
            }
        }
        state.apply(batch, result, accounting: &accounting)
    }

    func reject(
        _ file: String, _ line: Int, _ reason: RejectReason, _ field: String?, _ detail: String, _ raw: UnsafeBufferPointer<UInt8>,
        truncatedFrom length: Int? = nil
    ) {
        accounting.rejectedByReason[reason, default: 0] += 1
        rejects.reject(file: file, line: line, reason: reason, field: field, detail: detail, raw: raw, truncatedFrom: length)
    }

}

@inline(__always) func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBufferPointer { p in
        for i in 0..<p.count where p[i] != b[i] { return false }
        return true
    }
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
