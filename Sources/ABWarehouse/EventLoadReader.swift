import ABAssign
import ABEvents

/// Reads a JSONL or CSV event file into rows of PostgreSQL's COPY text format for the events
/// table (``EventColumns`` then the JSON `properties` column). Lines are accepted or rejected by
/// the collector's own rules (``EventLineChecker``): line too long, empty, invalid UTF-8, invalid
/// JSON or CSV, wrong field count, missing user, event or timestamp, bad timestamp; and, with an
/// experiment's plan, non-numeric values of the properties its metrics read and exposures with a
/// variant the experiment does not have. Repeated event ids are dropped (the first line wins), as
/// the collector drops them, so that the warehouse and the file give the same summary.
public final class EventLoadReader {
    /// Where every line went: read = accepted + rejected + duplicates.
    public private(set) var accounting = CollectionAccounting()
    private var reader = ABEvents.LineReader(source: ByteSource(bytes: []))
    private var reading = false
    private var sources: [ByteSource]
    private var name = ""
    private let maximumLineBytes: Int
    private let rejects: RejectWriter
    private let fields: FieldNames
    private var checker: EventLineChecker
    private var seenIDs = Set<[UInt8]>()
    private var out: [UInt8] = []

    /// Reads `sources` one after the other (event ids repeat across them as within one);
    /// `plan`, when given, adds the experiment's value and variant rules and its field names.
    public init(sources: [ByteSource], plan: CollectorPlan?, rejects: RejectWriter, maximumLineBytes: Int = 1 << 20) {
        self.sources = sources.reversed()
        self.maximumLineBytes = maximumLineBytes
        self.rejects = rejects
        fields = plan?.fields ?? FieldNames()
        checker = EventLineChecker(plan: plan, maximumLineBytes: maximumLineBytes)
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
                checker.startFile()
            }
            guard let line = reader.next() else { reading = false; continue }
            let number = reader.lineNumber
            switch line {
            case let .tooLong(line):
                accounting.linesRead += 1
                reject(number, .lineTooLong, nil, LineReader.tooLongDetail(length: line.length, maximumLineBytes: maximumLineBytes), .overlong(line))
            case let .text(text):
                if checker.settleFormat(on: text) { continue }
                accounting.linesRead += 1
                // Read before the check: the check holds the checker exclusively.
                let csvColumns = checker.csvColumns
                checker.check(text) { verdict, slots, quote in
                    switch verdict {
                    case let .rejected(reason, field, detail): reject(number, reason, field, detail, .bytes(text))
                    case let .otherExperiment(time): record(text, slots!, quote, csvColumns, otherExperiment: true, time: time)
                    case let .accepted(time): record(text, slots!, quote, csvColumns, otherExperiment: false, time: time)
                    }
                }
            }
        }
        rejects.flush()
        return out.isEmpty ? nil : out
    }

    private func reject(
        _ number: Int, _ reason: RejectReason, _ field: String?, _ detail: String, _ raw: RejectedBytes
    ) {
        accounting.rejectedByReason[reason, default: 0] += 1
        rejects.reject(file: name, line: number, reason: reason, field: field, detail: detail, raw: raw)
    }

    /// Writes an accepted line, at `time`, as a row, unless its event id was seen before; a CSV
    /// line's properties are its columns (named by `csvColumns`), a JSON line's its object.
    private func record(
        _ line: UnsafeBufferPointer<UInt8>, _ slots: UnsafeMutableBufferPointer<ValueSlice>, _ quote: UInt8, _ csvColumns: [String]?,
        otherExperiment: Bool, time: Int64
    ) {
        func text(_ slice: ValueSlice) -> String? {
            guard slice.isPresent else { return nil }
            return slice.kind == .composite ? String(decoding: slice.bytes(in: line), as: UTF8.self) : slice.text(in: line, quote: quote)
        }
        let eventID = slots[EventLineChecker.eventIDSlot].kind == .composite ? nil : text(slots[EventLineChecker.eventIDSlot])
        // The collector never checks the ids of other experiments' exposures.
        if let eventID, !otherExperiment, !seenIDs.insert(Array(eventID.utf8)).inserted {
            accounting.duplicates += 1
            return
        }
        accounting.accepted += 1
        if otherExperiment { accounting.otherExperimentExposures += 1 }
        let properties: JSONValue
        if let names = csvColumns {
            var members: [(key: String, value: JSONValue)] = []
            _ = CSVRowScanner.scan(line) { column, slice in
                guard column < names.count else { return }
                members.append((names[column], slice.text(in: line, quote: quote).map(JSONValue.string) ?? .null))
            }
            properties = .object(JSONObject(members))
        } else if let parsed = try? JSONParser.parse(line) {
            properties = parsed
        } else {
            properties = .object(JSONObject())
        }
        let user = text(slots[EventLineChecker.userSlot]) ?? "", event = text(slots[EventLineChecker.eventSlot]) ?? ""
        for field in [user, event, UTCTime.sqlTimestamp(milliseconds: time)] { Self.copyField(field, into: &out) }
        for field in [eventID, text(slots[EventLineChecker.experimentSlot]), text(slots[EventLineChecker.variantSlot])] {
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
