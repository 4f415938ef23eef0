import ABAssign

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

    // Slots of the line scanners.
    static let userSlot = 0, eventSlot = 1, timestampSlot = 2, eventIDSlot = 3, experimentSlot = 4, variantSlot = 5
    let valueFields: [String]
    let valueSlotStart = 6
    let dimensionSlotStart: Int
    let matcher: FieldMatcher
    let slotNames: [String]

    // Event names: the exposure event and each metric event get a code.
    let metricEvents: [[UInt8]]
    let exposureName: [UInt8]?
    let experimentName: [UInt8]
    let variantNames: [[UInt8]]
    /// For each metric event code, the latest time after exposure at which some metric reads it.
    let reach: [Int64]

    // Per-user state, indexed by dense user id.
    var users = ByteInterner(expected: 1 << 16)
    var eventIDs = ByteInterner(expected: 1 << 10)
    var loggedVariant: [Int8] = []
    var loggedTime: [Int64] = []
    var eligibleTime: [Int64] = []
    var attributeTime: [Int64] = []
    var dimensionValues: [[Int32]]
    var dimensionTimes: [[Int64]]
    var dimensionLabels: [[String]]
    var dimensionIndex: [[String: Int32]]
    var attributes: [Int32: JSONObject] = [:]

    // Metric events, one column each.
    var eventUser: [Int32] = []
    var eventCode: [UInt16] = []
    var eventTime: [Int64] = []
    var eventValues: [[Double]]
    var latestTime = Int64.min

    /// Follows `plan`, writing rejected lines to `rejects`.
    public init(plan: CollectorPlan, rejects: RejectWriter) throws(CollectorError) {
        guard plan.variants.count >= 2 else { throw .badPlan("an experiment needs at least 2 variants") }
        guard plan.variants.count < 127 else { throw .badPlan("at most 126 variants are supported") }
        self.plan = plan
        self.rejects = rejects
        var values: [String] = []
        for metric in plan.metrics { if let v = metric.valueField, !values.contains(v) { values.append(v) } }
        valueFields = values
        dimensionSlotStart = valueSlotStart + values.count
        let f = plan.fields
        var fields: [[String]] = [f.user, f.event, f.timestamp, f.eventID, f.experiment, f.variant]
        fields += values.map { $0 == "value" ? f.value : [$0] }
        fields += plan.dimensions.map { [$0] }
        matcher = FieldMatcher(fields: fields)
        slotNames = fields.map { $0.first ?? "" }
        var events: [String] = []
        var reachByEvent: [String: Int64] = [:]
        for metric in plan.metrics {
            for event in metric.events {
                if !events.contains(event) { events.append(event) }
                reachByEvent[event] = max(reachByEvent[event] ?? 0, metric.reachMilliseconds)
            }
        }
        guard events.count < Int(UInt16.max) else { throw .badPlan("too many metric events") }
        metricEvents = events.map { Array($0.utf8) }
        reach = events.map { reachByEvent[$0]! }
        exposureName = plan.exposureEvent.map { Array($0.utf8) }
        experimentName = Array(plan.experiment.utf8)
        variantNames = plan.variants.map { Array($0.utf8) }
        eventValues = values.map { _ in [] }
        dimensionValues = plan.dimensions.map { _ in [] }
        dimensionTimes = plan.dimensions.map { _ in [] }
        dimensionLabels = plan.dimensions.map { _ in [] }
        dimensionIndex = plan.dimensions.map { _ in [:] }
    }

    /// Reads every line of `source`: JSONL when its first line starts with `{`, else CSV with a header.
    public func ingest(_ source: ByteSource) {
        let name = source.name
        try? LineScanner.readLines(
            source, matcher: matcher, maximumLineBytes: plan.maximumLineBytes, header: { _ in },
            counted: { accounting.linesRead += 1 },
            record: { line, number, slots, quote in record(line, file: name, number: number, slots: slots, quote: quote) },
            reject: { number, reason, detail, raw, length in reject(name, number, reason, nil, detail, raw, truncatedFrom: length) })
        rejects.flush()
    }

    /// Validates the fields of a scanned line and keeps what the metrics need.
    private func record(
        _ line: UnsafeBufferPointer<UInt8>, file: String, number: Int, slots: UnsafeMutableBufferPointer<ValueSlice>, quote: UInt8
    ) {
        // The user id, as bytes.
        let userSlice = slots[Self.userSlot]
        var decodedUser: [UInt8] = []
        switch userSlice.kind {
        case .string, .number:
            if userSlice.count == 0 { reject(file, number, .missingUser, slotNames[Self.userSlot], "the user id is empty", line); return }
        case .escapedString:
            decodedUser = Array((userSlice.text(in: line, quote: quote) ?? "").utf8)
            if decodedUser.isEmpty { reject(file, number, .missingUser, slotNames[Self.userSlot], "the user id is empty", line); return }
        case .missing, .null:
            reject(file, number, .missingUser, slotNames[Self.userSlot], "expected a user id in one of \(plan.fields.user.map { "'\($0)'" }.joined(separator: ", "))", line)
            return
        default:
            reject(file, number, .missingUser, slotNames[Self.userSlot], "expected the user id as a string or number", line)
            return
        }
        // The event name.
        let eventSlice = slots[Self.eventSlot]
        var decodedEvent: [UInt8] = []
        switch eventSlice.kind {
        case .string where eventSlice.count > 0: break
        case .escapedString: decodedEvent = Array((eventSlice.text(in: line, quote: quote) ?? "").utf8)
        default:
            reject(file, number, .missingEvent, slotNames[Self.eventSlot], "expected an event name in one of \(plan.fields.event.map { "'\($0)'" }.joined(separator: ", "))", line)
            return
        }
        // The time.
        let timeSlice = slots[Self.timestampSlot]
        guard timeSlice.isPresent else {
            reject(file, number, .missingTimestamp, slotNames[Self.timestampSlot], "expected a timestamp in one of \(plan.fields.timestamp.map { "'\($0)'" }.joined(separator: ", "))", line)
            return
        }
        var time: Int64?
        if timeSlice.kind == .string || timeSlice.kind == .number {
            time = TimestampParsing.milliseconds(timeSlice.bytes(in: line), isNumber: timeSlice.kind == .number)
        } else if timeSlice.kind == .escapedString, var text = timeSlice.text(in: line, quote: quote) {
            time = text.withUTF8 { TimestampParsing.milliseconds($0, isNumber: false) }
        }
        guard let time else {
            reject(file, number, .badTimestamp, slotNames[Self.timestampSlot],
                   "expected an ISO 8601 time (2026-11-02T09:30:00Z) or epoch seconds or milliseconds, got \(describe(timeSlice, line, quote))", line)
            return
        }
        // Values: numbers or numeric strings.
        var values: [Double] = []
        if !valueFields.isEmpty {
            values.reserveCapacity(valueFields.count)
            for i in 0..<valueFields.count {
                let slice = slots[valueSlotStart + i]
                switch slice.kind {
                case .missing, .null: values.append(.nan)
                case .number, .string:
                    guard let v = NumberParsing.double(slice.bytes(in: line)) else {
                        reject(file, number, .nonNumericValue, slotNames[valueSlotStart + i], "expected a number, got \(describe(slice, line, quote))", line)
                        return
                    }
                    values.append(v)
                default:
                    reject(file, number, .nonNumericValue, slotNames[valueSlotStart + i], "expected a number, got \(describe(slice, line, quote))", line)
                    return
                }
            }
        }
        let isExposure: Bool
        let code: Int?
        if decodedEvent.isEmpty {
            let name = eventSlice.bytes(in: line)
            isExposure = exposureName.map { equal($0, name) } ?? false
            code = metricEvents.firstIndex { equal($0, name) }
        } else {
            isExposure = exposureName == decodedEvent
            code = metricEvents.firstIndex(of: decodedEvent)
        }
        // Exposure lines: another experiment's are skipped; a variant must be one of ours.
        var variantIndex: Int8 = -1
        if isExposure {
            let experiment = slots[Self.experimentSlot]
            if experiment.isPresent, !sliceEquals(experiment, line, quote, experimentName) {
                accounting.accepted += 1
                accounting.otherExperimentExposures += 1
                latestTime = max(latestTime, time)
                return
            }
            let variant = slots[Self.variantSlot]
            if variant.isPresent {
                guard let index = variantNames.firstIndex(where: { sliceEquals(variant, line, quote, $0) }) else {
                    reject(file, number, .unknownVariant, slotNames[Self.variantSlot],
                           "expected one of \(plan.variants.joined(separator: ", ")), got \(describe(variant, line, quote))", line)
                    return
                }
                variantIndex = Int8(index)
            }
        }
        // Duplicates by event id: the first line of an id wins.
        let idSlice = slots[Self.eventIDSlot]
        if idSlice.isPresent, idSlice.kind != .composite {
            if !eventIDs.intern(idSlice.bytes(in: line)).isNew {
                accounting.duplicates += 1
                return
            }
        }
        accounting.accepted += 1
        latestTime = max(latestTime, time)
        guard isExposure || code != nil else { return }
        let user: Int32 = decodedUser.isEmpty ? intern(userSlice.bytes(in: line)) : decodedUser.withUnsafeBufferPointer { intern($0) }
        let u = Int(user)
        if isExposure {
            if variantIndex >= 0 {
                let current = loggedVariant[u]
                loggedVariant[u] = current == -1 || current == variantIndex ? variantIndex : -2
                loggedTime[u] = min(loggedTime[u], time)
            } else {
                eligibleTime[u] = min(eligibleTime[u], time)
            }
            captureAttributes(u, time: time, line: line, slots: slots, quote: quote)
        }
        if let code {
            eventUser.append(user)
            eventCode.append(UInt16(code))
            eventTime.append(time)
            for i in 0..<values.count { eventValues[i].append(values[i]) }
        }
    }

    /// Keeps, per dimension, the value on the unit's earliest exposure line that has one (and,
    /// for targeting, the attributes of its earliest exposure line), so input order never matters.
    private func captureAttributes(_ u: Int, time: Int64, line: UnsafeBufferPointer<UInt8>, slots: UnsafeMutableBufferPointer<ValueSlice>, quote: UInt8) {
        for d in 0..<plan.dimensions.count {
            guard time <= dimensionTimes[d][u], let label = slots[dimensionSlotStart + d].text(in: line, quote: quote) else { continue }
            let index: Int32
            if let known = dimensionIndex[d][label] { index = known } else {
                index = Int32(dimensionLabels[d].count)
                dimensionLabels[d].append(label)
                dimensionIndex[d][label] = index
            }
            // On equal times the smaller label wins.
            if time == dimensionTimes[d][u], dimensionValues[d][u] >= 0, dimensionLabels[d][Int(dimensionValues[d][u])] <= label { continue }
            dimensionTimes[d][u] = time
            dimensionValues[d][u] = index
        }
        if plan.assigner?.targeting != nil, time < attributeTime[u], quote == UInt8(ascii: "\""),
            case .object(let object)? = try? JSONParser.parse(line)
        {
            attributeTime[u] = time
            attributes[Int32(u)] = object
        }
    }

    private func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (id, isNew) = users.intern(bytes)
        if isNew {
            loggedVariant.append(-1)
            loggedTime.append(.max)
            eligibleTime.append(.max)
            attributeTime.append(.max)
            for d in 0..<dimensionValues.count {
                dimensionValues[d].append(-1)
                dimensionTimes[d].append(.max)
            }
        }
        return id
    }

    func reject(
        _ file: String, _ line: Int, _ reason: RejectReason, _ field: String?, _ detail: String, _ raw: UnsafeBufferPointer<UInt8>,
        truncatedFrom length: Int? = nil
    ) {
        accounting.rejectedByReason[reason, default: 0] += 1
        rejects.reject(file: file, line: line, reason: reason, field: field, detail: detail, raw: raw, truncatedFrom: length)
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

/// Whether every byte is below 0x80, eight at a time.
func isASCII(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = line.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var i = 0
    var bits: UInt64 = 0
    while i + 8 <= line.count {
        bits |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        i += 8
    }
    while i < line.count { bits |= UInt64(line[i]); i += 1 }
    return bits & 0x8080_8080_8080_8080 == 0
}

func isValidUTF8(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    String(validating: line, as: UTF8.self) != nil
}
