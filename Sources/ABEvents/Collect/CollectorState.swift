import ABAssign

/// Everything that applying parsed lines changes: interned ids, per-user state and the metric
/// event columns.
///
/// One value, so the single applying thread mutates it through one `inout` access per batch;
/// as separate properties of the collector class, every field touched on every line would pay a
/// runtime exclusivity check.
struct CollectorState: ~Copyable {
    /// User ids, as dense integers indexing the per-user columns.
    var users = ByteInterner(expected: 1 << 16)
    /// Event ids seen, to drop duplicates.
    var eventIDs = ByteInterner(expected: 1 << 10)

    // Per-user state, indexed by dense user id.
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

    init(dimensions: Int, valueFields: Int) {
        eventValues = (0..<valueFields).map { _ in [] }
        dimensionValues = (0..<dimensions).map { _ in [] }
        dimensionTimes = (0..<dimensions).map { _ in [] }
        dimensionLabels = (0..<dimensions).map { _ in [] }
        dimensionIndex = (0..<dimensions).map { _ in [:] }
    }

    /// How many lines ahead the applying loop prefetches hash-table slots: tables of millions of
    /// ids miss the cache on nearly every probe, and this many misses in flight hide most of it.
    private static let lookahead = 16

    /// Applies a parsed chunk's accepted lines, in line order: duplicates, exposures and metric
    /// events (rejected lines are the caller's).
    mutating func apply(_ bytes: UnsafeBufferPointer<UInt8>, _ result: ParsedBatch, accounting: inout CollectionAccounting) {
        let outcomes = result.outcomes
        result.extra.withUnsafeBufferPointer { extra in
            func range(_ r: ByteRange) -> UnsafeBufferPointer<UInt8> {
                let source = r.inExtra ? extra : bytes
                return UnsafeBufferPointer(rebasing: source[Int(r.start)..<Int(r.start + r.count)])
            }
            func prefetch(_ i: Int) {
                guard i < outcomes.count, case let .event(event) = outcomes[i] else { return }
                if let id = event.eventID { eventIDs.prefetch(id.hash) }
                users.prefetch(event.user.hash)
            }
            for i in 0..<min(Self.lookahead, outcomes.count) { prefetch(i) }
            for i in outcomes.indices {
                prefetch(i + Self.lookahead)
                switch outcomes[i] {
                case .rejected: break
                case let .otherExperiment(time):
                    accounting.accepted += 1
                    accounting.otherExperimentExposures += 1
                    latestTime = max(latestTime, time)
                case let .event(event):
                    apply(event, user: range(event.user), eventID: event.eventID.map(range), result: result, accounting: &accounting)
                }
            }
        }
    }

    private mutating func apply(
        _ event: ParsedEvent, user userBytes: UnsafeBufferPointer<UInt8>, eventID: UnsafeBufferPointer<UInt8>?, result: ParsedBatch,
        accounting: inout CollectionAccounting
    ) {
        // Duplicates by event id: the first line of an id wins.
        if let eventID, !eventIDs.intern(eventID, hash: event.eventID!.hash).isNew {
            accounting.duplicates += 1
            return
        }
        accounting.accepted += 1
        let time = event.time
        latestTime = max(latestTime, time)
        guard event.isExposure || event.code >= 0 else { return }
        let user = intern(userBytes, hash: event.user.hash)
        let u = Int(user)
        if event.isExposure {
            if event.variantIndex >= 0 {
                let current = loggedVariant[u]
                loggedVariant[u] = current == -1 || current == event.variantIndex ? event.variantIndex : -2
                loggedTime[u] = min(loggedTime[u], time)
            } else {
                eligibleTime[u] = min(eligibleTime[u], time)
            }
            captureAttributes(u, time: time, event: event, result: result)
        }
        if event.code >= 0 {
            eventUser.append(user)
            eventCode.append(UInt16(event.code))
            eventTime.append(time)
            for i in 0..<eventValues.count { eventValues[i].append(result.values[Int(event.valueBase) + i]) }
        }
    }

    /// Keeps, per dimension, the value on the unit's earliest exposure line that has one (and,
    /// for targeting, the attributes of its earliest exposure line), so input order never matters.
    private mutating func captureAttributes(_ u: Int, time: Int64, event: ParsedEvent, result: ParsedBatch) {
        if event.labelBase >= 0 {
            for d in 0..<dimensionValues.count {
                guard time <= dimensionTimes[d][u], let label = result.labels[Int(event.labelBase) + d] else { continue }
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
        }
        if event.attributes >= 0, time <= attributeTime[u] {
            let object = result.attributes[Int(event.attributes)]
            // On equal times the object whose JSON text sorts first wins, as the smaller label does
            // for dimensions: keeping the first line read would let input order decide targeting.
            // The object holds what targeting reads (the whole line only when targeting may read
            // any attribute), so lines that differ elsewhere cannot change the outcome.
            if time == attributeTime[u], let kept = attributes[Int32(u)] {
                let keptText = JSONWriter.string(.object(kept)), text = JSONWriter.string(.object(object))
                guard text.utf8.lexicographicallyPrecedes(keptText.utf8) else { return }
            }
            attributeTime[u] = time
            attributes[Int32(u)] = object
        }
    }

    private mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        let (id, isNew) = users.intern(bytes, hash: hash)
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
}
