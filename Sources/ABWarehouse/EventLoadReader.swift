import ABAssign
import ABEvents
import ABKit

/// Reads a JSONL or CSV event file into rows of PostgreSQL's COPY text format for the events
/// table (``EventColumns`` then the JSON `properties` column), rejecting lines by the collector's
/// rules: line too long, empty, invalid UTF-8, invalid JSON or CSV, wrong field count, missing
/// user, event or timestamp, bad timestamp; and, with an experiment's plan, non-numeric values of
/// the properties its metrics read and exposures with a variant the experiment does not have.
/// Repeated event ids are dropped (the first line wins), as the collector drops them, so that
/// the warehouse and the file give the same summary.
///
/// Only ABEvents' public line machinery is used (``LineReader``, ``JSONObjectScanner``,
/// ``CSVRowScanner``, ``TimestampParsing``, ``NumberParsing``).
public final class EventLoadReader {
    private static let userSlot = 0, eventSlot = 1, timestampSlot = 2, eventIDSlot = 3, experimentSlot = 4, variantSlot = 5
    private static let valueSlotStart = 6

    /// Where every line went: read = accepted + rejected + duplicates.
    public private(set) var accounting = CollectionAccounting()
    private var reader = ABEvents.LineReader(source: ByteSource(bytes: []))
    private var reading = false
    private var sources: [ByteSource]
    private var name = ""
    private let maximumLineBytes: Int
    private let plan: CollectorPlan?
    private let rejects: RejectWriter
    private let matcher: FieldMatcher
    private let slotNames: [String]
    private let fields: FieldNames
    private let valueFields: [String]
    private var csv: (slots: [Int], priorities: [Int], names: [String])?
    private var settled = false
    private var slots: [ValueSlice]
    private var priorities: [Int]
    private var seenIDs = Set<[UInt8]>()
    private var out: [UInt8] = []

    /// Reads `sources` one after the other (event ids repeat across them as within one);
    /// `plan`, when given, adds the experiment's value and variant rules and its field names.
    public init(sources: [ByteSource], plan: CollectorPlan?, rejects: RejectWriter, maximumLineBytes: Int = 1 << 20) {
        self.sources = sources.reversed()
        self.maximumLineBytes = maximumLineBytes
        self.plan = plan
        self.rejects = rejects
        let fields = plan?.fields ?? FieldNames()
        let valueFields = plan?.valueFields ?? []
        self.fields = fields
        self.valueFields = valueFields
        var slotFields: [[String]] = [fields.user, fields.event, fields.timestamp, fields.eventID, fields.experiment, fields.variant]
        slotFields += valueFields.map { $0 == "value" ? fields.value : [$0] }
        matcher = FieldMatcher(fields: slotFields)
        slotNames = slotFields.map { $0.first ?? "" }
        slots = [ValueSlice](repeating: .missing, count: slotFields.count)
        priorities = [Int](repeating: 0, count: slotFields.count)
    }

    /// The table's columns, in the order of each row.
    public var columns: [String] { EventColumns(fields).all + ["properties"] }

    /// The next rows, at least `bytes` of them unless the input ends; nil at the end.
    public func next(bytes: Int = 1 << 20) -> [UInt8]? {
        out.removeAll(keepingCapacity: true)
        while out.count < bytes {
            if !reading {
                // Each file settles its own format (JSONL, or CSV with its header).
                guard let source = sources.popLast() else { break }
                name = source.name
                reader = ABEvents.LineReader(source: source, maximumLineBytes: maximumLineBytes)
                reading = true
                settled = false
                csv = nil
            }
            guard let line = reader.next() else { reading = false; continue }
            let number = reader.lineNumber
            switch line {
            case let .tooLong(prefix, length):
                accounting.linesRead += 1
                reject(number, .lineTooLong, nil, "the line has \(length) bytes; the limit is \(maximumLineBytes)", prefix, length)
            case let .text(text):
                if !settled, !isBlank(text) {
                    settled = true
                    if text.first(where: { $0 != 0x20 && $0 != 0x09 }) != UInt8(ascii: "{") {
                        readHeader(text)
                        continue
                    }
                }
                accounting.linesRead += 1
                row(text, number)
            }
        }
        rejects.flush()
        return out.isEmpty ? nil : out
    }

    private func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool { line.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    private func readHeader(_ line: UnsafeBufferPointer<UInt8>) {
        var header: (slots: [Int], priorities: [Int], names: [String]) = ([], [], [])
        _ = CSVRowScanner.scan(line) { _, slice in
            var name = slice.text(in: line, quote: UInt8(ascii: ",")) ?? ""
            let found = name.withUTF8 { matcher.match($0) }
            header.slots.append(found?.slot ?? -1)
            header.priorities.append(found?.priority ?? Int.max)
            header.names.append(name)
        }
        csv = header
    }

    private func reject(
        _ number: Int, _ reason: RejectReason, _ slot: Int?, _ detail: String, _ raw: UnsafeBufferPointer<UInt8>, _ length: Int? = nil
    ) {
        accounting.rejectedByReason[reason, default: 0] += 1
        rejects.reject(file: name, line: number, reason: reason, field: slot.map { slotNames[$0] }, detail: detail, raw: raw, truncatedFrom: length)
    }

    /// Scans one data line into slots (and, for CSV, the properties object), or rejects it.
    private func row(_ line: UnsafeBufferPointer<UInt8>, _ number: Int) {
        if isBlank(line) { return reject(number, .emptyLine, nil, "the line is empty", line) }
        guard String(validating: line, as: UTF8.self) != nil else { return reject(number, .invalidUTF8, nil, "the line is not valid UTF-8", line) }
        let quote: UInt8 = csv == nil ? UInt8(ascii: "\"") : UInt8(ascii: ",")
        var properties: [(key: String, value: JSONValue)] = []
        var failure: (RejectReason, String)?
        slots.withUnsafeMutableBufferPointer { slots in
            priorities.withUnsafeMutableBufferPointer { priorities in
                if let csv {
                    for i in 0..<slots.count { slots[i] = .missing; priorities[i] = Int.max }
                    let scanned = CSVRowScanner.scan(line) { column, slice in
                        guard column < csv.slots.count else { return }
                        properties.append((csv.names[column], slice.text(in: line, quote: quote).map(JSONValue.string) ?? .null))
                        let slot = csv.slots[column]
                        if slot >= 0, csv.priorities[column] < priorities[slot] {
                            slots[slot] = slice
                            priorities[slot] = csv.priorities[column]
                        }
                    }
                    switch scanned {
                    case .failure(let error): failure = (.invalidCSV, "\(error.message) at byte \(error.offset + 1)")
                    case .success(let count) where count != csv.slots.count:
                        failure = (.wrongFieldCount, "expected \(csv.slots.count) fields as in the header, got \(count)")
                    default: break
                    }
                } else if let error = JSONObjectScanner.scan(line, matcher: matcher, into: slots, priorities: priorities) {
                    failure = (.invalidJSON, "\(error.message) at byte \(error.offset + 1)")
                }
            }
        }
        if let (reason, detail) = failure { return reject(number, reason, nil, detail, line) }
        slots.withUnsafeBufferPointer { slots in record(line, number, slots, quote, properties) }
    }

    private func record(
        _ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ slots: UnsafeBufferPointer<ValueSlice>, _ quote: UInt8,
        _ csvProperties: [(key: String, value: JSONValue)]
    ) {
        func text(_ slice: ValueSlice) -> String? {
            slice.kind == .composite ? String(decoding: slice.bytes(in: line), as: UTF8.self) : slice.text(in: line, quote: quote)
        }
        let user = slots[Self.userSlot]
        guard [.string, .number, .escapedString].contains(user.kind) else {
            let detail = user.isPresent ? "expected the user id as a string or number"
                : "expected a user id in one of \(fields.user.map { "'\($0)'" }.joined(separator: ", "))"
            return reject(number, .missingUser, Self.userSlot, detail, line)
        }
        guard let userID = text(user), !userID.isEmpty else { return reject(number, .missingUser, Self.userSlot, "the user id is empty", line) }
        let event = slots[Self.eventSlot]
        guard event.kind == .string || event.kind == .escapedString, event.count > 0, let eventName = text(event) else {
            return reject(number, .missingEvent, Self.eventSlot, "expected an event name in one of \(fields.event.map { "'\($0)'" }.joined(separator: ", "))", line)
        }
        let time = slots[Self.timestampSlot]
        guard time.isPresent else {
            return reject(number, .missingTimestamp, Self.timestampSlot, "expected a timestamp in one of \(fields.timestamp.map { "'\($0)'" }.joined(separator: ", "))", line)
        }
        var milliseconds: Int64?
        if time.kind == .string || time.kind == .number {
            milliseconds = TimestampParsing.milliseconds(time.bytes(in: line), isNumber: time.kind == .number)
        } else if time.kind == .escapedString, var decoded = time.text(in: line, quote: quote) {
            milliseconds = decoded.withUTF8 { TimestampParsing.milliseconds($0, isNumber: false) }
        }
        guard let milliseconds else {
            return reject(number, .badTimestamp, Self.timestampSlot,
                          "expected an ISO 8601 time (2026-11-02T09:30:00Z) or epoch seconds or milliseconds, got \(text(time) ?? "nothing")", line)
        }
        for i in valueFields.indices {
            let slice = slots[Self.valueSlotStart + i]
            if slice.kind == .missing || slice.kind == .null { continue }
            guard slice.kind == .number || slice.kind == .string, NumberParsing.double(slice.bytes(in: line)) != nil else {
                return reject(number, .nonNumericValue, Self.valueSlotStart + i, "expected a number, got \(text(slice) ?? "nothing")", line)
            }
        }
        let experiment = slots[Self.experimentSlot].isPresent ? text(slots[Self.experimentSlot]) : nil
        let variant = slots[Self.variantSlot].isPresent ? text(slots[Self.variantSlot]) : nil
        var otherExperiment = false
        if let plan, eventName == plan.exposureEvent {
            if let experiment, experiment != plan.experiment {
                otherExperiment = true
            } else if let variant, !plan.variants.contains(variant) {
                return reject(number, .unknownVariant, Self.variantSlot,
                              "expected one of \(plan.variants.joined(separator: ", ")), got \"\(variant)\"", line)
            }
        }
        let idSlice = slots[Self.eventIDSlot]
        let eventID = idSlice.isPresent && idSlice.kind != .composite ? text(idSlice) : nil
        // The collector never checks the ids of other experiments' exposures.
        if let eventID, !otherExperiment, !seenIDs.insert(Array(eventID.utf8)).inserted {
            accounting.duplicates += 1
            return
        }
        accounting.accepted += 1
        if otherExperiment { accounting.otherExperimentExposures += 1 }
        let properties: JSONValue
        if csv != nil {
            properties = .object(JSONObject(csvProperties))
        } else if let parsed = try? JSONParser.parse(line) {
            properties = parsed
        } else {
            properties = .object(JSONObject())
        }
        for field in [userID, eventName, UTCTime.sqlTimestamp(milliseconds: milliseconds)] { Self.copyField(field, into: &out) }
        for field in [eventID, experiment, variant] {
            if let field { Self.copyField(field, into: &out) } else { out += Array("\\N\t".utf8) }
        }
        Self.copyField(JSONWriter.string(properties), into: &out, last: true)
    }

    /// One field of COPY's text format: backslash, tab, newline and carriage return escaped;
    /// NUL, which PostgreSQL text cannot hold, dropped.
    static func copyField(_ field: String, into out: inout [UInt8], last: Bool = false) {
        for byte in field.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x00: continue
            default: out.append(byte)
            }
        }
        out.append(last ? 0x0A : 0x09)
    }
}
