import ABAssign

/// Turns one scanned event line into a ``LineOutcome`` without touching any collector state,
/// so several threads can parse while one applies the results in input order.
struct EventLineParser: Sendable {
    static let userSlot = 0, eventSlot = 1, timestampSlot = 2, eventIDSlot = 3, experimentSlot = 4, variantSlot = 5
    static let valueSlotStart = 6

    let fields: FieldNames
    let variants: [String]
    let valueFields: [String]
    let dimensionCount: Int
    let dimensionSlotStart: Int
    let needsAttributes: Bool
    /// The attributes assignment reads, each in a slot of its own, so an exposure line's
    /// attributes are a few values instead of the whole line parsed into a tree; nil when
    /// targeting may read any attribute, or one shares its name with another slot.
    let attributeSlots: [(name: String, slot: Int)]?
    let matcher: FieldMatcher
    let slotNames: [String]
    let metricEvents: [[UInt8]]
    let exposureName: [UInt8]?
    let experimentName: [UInt8]
    let variantNames: [[UInt8]]
    let maximumLineBytes: Int

    init(plan: CollectorPlan) {
        maximumLineBytes = plan.maximumLineBytes
        let values = plan.valueFields
        valueFields = values
        dimensionCount = plan.dimensions.count
        dimensionSlotStart = Self.valueSlotStart + values.count
        needsAttributes = plan.assigner?.targeting != nil
        fields = plan.fields
        variants = plan.variants
        let f = plan.fields
        var slots: [[String]] = [f.user, f.event, f.timestamp, f.eventID, f.experiment, f.variant]
        slots += values.map { $0 == "value" ? f.value : [$0] }
        slots += plan.dimensions.map { [$0] }
        if needsAttributes, let names = Self.keptAttributes(plan) {
            // An attribute that is also a dimension reads that dimension's slot; one that shares a
            // name with another field (an event field, a value) keeps the whole-line path.
            var kept: [(name: String, slot: Int)]? = []
            for name in names.sorted() {
                if let d = plan.dimensions.firstIndex(of: name) {
                    kept?.append((name, dimensionSlotStart + d))
                } else if slots.joined().contains(name) {
                    kept = nil
                    break
                } else {
                    kept?.append((name, slots.count))
                    slots.append([name])
                }
            }
            attributeSlots = kept
            if kept == nil { slots.removeSubrange((dimensionSlotStart + plan.dimensions.count)...) }
        } else {
            attributeSlots = nil
        }
        matcher = FieldMatcher(fields: slots)
        slotNames = slots.map { $0.first ?? "" }
        metricEvents = plan.metricEvents.map { Array($0.utf8) }
        exposureName = plan.exposureEvent.map { Array($0.utf8) }
        experimentName = Array(plan.experiment.utf8)
        variantNames = plan.variants.map { Array($0.utf8) }
    }

    /// The attributes re-assignment reads from an exposure line, or nil when targeting may read any.
    private static func keptAttributes(_ plan: CollectorPlan) -> Set<String>? {
        guard let assigner = plan.assigner, var names = assigner.attributeNames, let targeted = assigner.targeting?.attributeNames else { return nil }
        // Hashing the unit field needs no copy of it: re-assignment hashes the unit id itself,
        // which is this field's text whenever the line has it. Another of the unit's names as
        // the hash attribute (a line may hold both) keeps the whole-line path.
        if assigner.hashAttribute == plan.fields.user.first, !targeted.contains(assigner.hashAttribute) {
            names.remove(assigner.hashAttribute)
        }
        return names
    }

    /// Parses a scanned line, the `lineIndex`th of its chunk, starting at `lineOffset` there:
    /// appends its outcome (and, when rejected, why) to `out`, which also collects decoded bytes,
    /// values, labels and attributes. Only rejected lines make strings.
    func parse(
        _ line: UnsafeBufferPointer<UInt8>, lineIndex: Int, lineOffset: Int32, slots: UnsafeMutableBufferPointer<ValueSlice>, quote: UInt8,
        into out: inout ParsedBatch
    ) {
        out.outcomes.append(outcome(line, lineIndex: lineIndex, lineOffset: lineOffset, slots: slots, quote: quote, into: &out))
    }

    private func outcome(
        _ line: UnsafeBufferPointer<UInt8>, lineIndex: Int, lineOffset: Int32, slots: UnsafeMutableBufferPointer<ValueSlice>, quote: UInt8,
        into out: inout ParsedBatch
    ) -> LineOutcome {
        func reject(_ reason: RejectReason, _ slot: Int?, _ detail: String) -> LineOutcome {
            out.rejects.append(LineReject(
                line: lineIndex, start: Int(lineOffset), count: line.count, reason: reason, field: slot.map { slotNames[$0] },
                detail: detail))
            return .rejected
        }
        // Stores a slice's bytes (decoded when escaped) and returns its range in the batch, with
        // their hash: hashing here, on the parsing threads, spares the one applying thread.
        func bytes(_ slice: ValueSlice) -> ByteRange {
            if slice.kind == .escapedString {
                let decoded = Array((slice.text(in: line, quote: quote) ?? "").utf8)
                let start = out.extra.count
                out.extra += decoded
                let hash = decoded.withUnsafeBufferPointer { ByteInterner.hash($0) }
                return ByteRange(start: Int32(start), count: Int32(decoded.count), inExtra: true, hash: hash)
            }
            return ByteRange(start: lineOffset + slice.start, count: slice.count, inExtra: false, hash: ByteInterner.hash(slice.bytes(in: line)))
        }
        let userSlice = slots[Self.userSlot]
        switch userSlice.kind {
        case .string, .number, .escapedString: break
        case .missing, .null:
            return reject(.missingUser, Self.userSlot, "expected a user id in one of \(fields.user.map { "'\($0)'" }.joined(separator: ", "))")
        default: return reject(.missingUser, Self.userSlot, "expected the user id as a string or number")
        }
        let user = bytes(userSlice)
        if user.count == 0 { return reject(.missingUser, Self.userSlot, "the user id is empty") }
        let eventSlice = slots[Self.eventSlot]
        guard eventSlice.kind == .string || eventSlice.kind == .escapedString, eventSlice.count > 0 else {
            return reject(.missingEvent, Self.eventSlot, "expected an event name in one of \(fields.event.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let timeSlice = slots[Self.timestampSlot]
        guard timeSlice.isPresent else {
            return reject(.missingTimestamp, Self.timestampSlot, "expected a timestamp in one of \(fields.timestamp.map { "'\($0)'" }.joined(separator: ", "))")
        }
        var time: Int64?
        if timeSlice.kind == .string || timeSlice.kind == .number {
            time = TimestampParsing.milliseconds(timeSlice.bytes(in: line), isNumber: timeSlice.kind == .number, cache: &out.days)
        } else if timeSlice.kind == .escapedString, var text = timeSlice.text(in: line, quote: quote) {
            time = text.withUTF8 { TimestampParsing.milliseconds($0, isNumber: false, cache: &out.days) }
        }
        guard let time else {
            return reject(.badTimestamp, Self.timestampSlot,
                          "expected an ISO 8601 time (2026-11-02T09:30:00Z) or epoch seconds or milliseconds, got \(describe(timeSlice, line, quote))")
        }
        // Values: numbers or numeric strings; absent ones are NaN.
        let valueBase = Int32(out.values.count)
        for i in 0..<valueFields.count {
            let slice = slots[Self.valueSlotStart + i]
            switch slice.kind {
            case .missing, .null: out.values.append(.nan)
            case .number, .string:
                guard let v = NumberParsing.double(slice.bytes(in: line)) else {
                    out.values.removeSubrange(Int(valueBase)...)
                    return reject(.nonNumericValue, Self.valueSlotStart + i, "expected a number, got \(describe(slice, line, quote))")
                }
                out.values.append(v)
            default:
                out.values.removeSubrange(Int(valueBase)...)
                return reject(.nonNumericValue, Self.valueSlotStart + i, "expected a number, got \(describe(slice, line, quote))")
            }
        }
        let isExposure: Bool
        let code: Int?
        if eventSlice.kind == .string {
            let name = eventSlice.bytes(in: line)
            isExposure = exposureName.map { equal($0, name) } ?? false
            code = metricEvents.firstIndex { equal($0, name) }
        } else {
            let decoded = Array((eventSlice.text(in: line, quote: quote) ?? "").utf8)
            isExposure = exposureName == decoded
            code = metricEvents.firstIndex(of: decoded)
        }
        // Exposure lines: another experiment's are skipped; a variant must be one of ours.
        var variantIndex: Int8 = -1
        if isExposure {
            let experiment = slots[Self.experimentSlot]
            if experiment.isPresent, !sliceEquals(experiment, line, quote, experimentName) {
                out.values.removeSubrange(Int(valueBase)...)
                return .otherExperiment(time: time)
            }
            let variant = slots[Self.variantSlot]
            if variant.isPresent {
                guard let index = variantNames.firstIndex(where: { sliceEquals(variant, line, quote, $0) }) else {
                    out.values.removeSubrange(Int(valueBase)...)
                    return reject(.unknownVariant, Self.variantSlot,
                                  "expected one of \(variants.joined(separator: ", ")), got \(describe(variant, line, quote))")
                }
                variantIndex = Int8(index)
            }
        }
        let idSlice = slots[Self.eventIDSlot]
        let eventID = idSlice.isPresent && idSlice.kind != .composite ? bytes(idSlice) : nil
        var event = ParsedEvent(
            user: user, eventID: eventID, time: time, code: Int32(code ?? -1), isExposure: isExposure,
            variantIndex: variantIndex, valueBase: valueFields.isEmpty ? -1 : valueBase)
        if isExposure {
            if dimensionCount > 0 {
                event.labelBase = Int32(out.labels.count)
                for d in 0..<dimensionCount { out.labels.append(slots[dimensionSlotStart + d].text(in: line, quote: quote)) }
            }
            if let attributeSlots {
                event.attributes = Int32(out.attributes.count)
                out.attributes.append(Self.attributes(attributeSlots, slots: slots, line: line, quote: quote))
            } else if needsAttributes, let object = attributes(line, quote: quote, csvColumns: out.csvColumns) {
                event.attributes = Int32(out.attributes.count)
                out.attributes.append(object)
            }
        }
        return .event(event)
    }

    /// The attributes assignment reads, from their slots: what ``attributes(_:quote:csvColumns:)``
    /// gives, restricted to those names (a JSON value as written; a CSV field typed the same way).
    private static func attributes(
        _ names: [(name: String, slot: Int)], slots: UnsafeMutableBufferPointer<ValueSlice>, line: UnsafeBufferPointer<UInt8>, quote: UInt8
    ) -> JSONObject {
        var members: [(key: String, value: JSONValue)] = []
        let isJSON = quote == UInt8(ascii: "\"")
        for (name, slot) in names {
            let slice = slots[slot]
            guard isJSON else {
                // A CSV field: empty is absent; one that reads as a JSON number or boolean is typed.
                guard slice.kind != .missing, slice.kind != .null, let text = slice.text(in: line, quote: quote) else { continue }
                if let typed = try? JSONParser.parse(text), typed.isNumberOrBool {
                    members.append((name, typed))
                } else {
                    members.append((name, .string(text)))
                }
                continue
            }
            switch slice.kind {
            case .missing:
                continue
            case .null:
                members.append((name, .null))
            case .string, .escapedString:
                if let text = slice.text(in: line, quote: quote) { members.append((name, .string(text))) }
            case .number, .trueLiteral, .falseLiteral, .composite:
                if let value = try? JSONParser.parse(slice.bytes(in: line)) { members.append((name, value)) }
            }
        }
        return JSONObject(members)
    }

    /// The attributes targeting sees on an exposure line: a JSON line's object, or a CSV row's
    /// fields by header name, where a field that reads as a JSON number, `true` or `false` is
    /// typed so, any other is a string, and an empty one is absent.
    private func attributes(_ line: UnsafeBufferPointer<UInt8>, quote: UInt8, csvColumns: [String]?) -> JSONObject? {
        guard quote != UInt8(ascii: "\"") else {
            if case .object(let object)? = try? JSONParser.parse(line) { return object }
            return nil
        }
        guard let csvColumns else { return nil }
        var members: [(key: String, value: JSONValue)] = []
        _ = CSVRowScanner.scan(line) { column, slice in
            guard column < csvColumns.count, slice.kind != .null, let text = slice.text(in: line, quote: quote) else { return }
            switch try? JSONParser.parse(text) {
            case let typed? where typed.isNumberOrBool: members.append((csvColumns[column], typed))
            default: members.append((csvColumns[column], .string(text)))
            }
        }
        return JSONObject(members)
    }

    private func describe(_ slice: ValueSlice, _ line: UnsafeBufferPointer<UInt8>, _ quote: UInt8) -> String {
        switch slice.kind {
        case .string, .escapedString: "\"\(slice.text(in: line, quote: quote) ?? "")\""
        case .missing: "nothing"
        default: String(decoding: slice.bytes(in: line), as: UTF8.self)
        }
    }

    private func sliceEquals(_ slice: ValueSlice, _ line: UnsafeBufferPointer<UInt8>, _ quote: UInt8, _ target: [UInt8]) -> Bool {
        if slice.kind == .escapedString { return Array((slice.text(in: line, quote: quote) ?? "").utf8) == target }
        return equal(target, slice.bytes(in: line))
    }
}

/// Bytes of a parsed batch: in its line storage, or in its side storage of decoded strings.
struct ByteRange {
    var start: Int32
    var count: Int32
    var inExtra: Bool
    /// ``ByteInterner/hash(_:)`` of the bytes.
    var hash: UInt32
}

/// What a line turned into, as kept in a ``ParsedBatch``: plain data, so the applying loop
/// copies no strings and touches no reference counts (a rejected line's details are kept apart).
enum LineOutcome {
    /// Rejected; the batch's `rejects` hold why.
    case rejected
    /// An exposure of another experiment (accepted, not used).
    case otherExperiment(time: Int64)
    /// An event to keep or count.
    case event(ParsedEvent)
}

/// A parsed event; its bytes, values, labels and attributes live in the ``ParsedBatch``.
struct ParsedEvent {
    var user: ByteRange
    var eventID: ByteRange?
    var time: Int64
    /// The metric event code, or −1.
    var code: Int32
    var isExposure: Bool
    var variantIndex: Int8
    /// First of the line's values in the batch, or −1.
    var valueBase: Int32
    /// First of the line's dimension labels in the batch, or −1.
    var labelBase: Int32 = -1
    /// The line's attributes in the batch, or −1.
    var attributes: Int32 = -1
}

private extension JSONValue {
    /// Whether the value is a number or a boolean.
    var isNumberOrBool: Bool {
        switch self {
        case .number, .bool: true
        default: false
        }
    }
}
