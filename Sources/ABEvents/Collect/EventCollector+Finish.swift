import ABSummary
import ABAssign

extension EventCollector {
    /// Resolves exposure, computes every metric per unit, and returns per-variant statistics.
    ///
    /// A unit's variant is its logged one; without a logged exposure, its eligibility event and
    /// the plan's assigner decide. Users logged in more than one variant are excluded. Metric
    /// events count from the unit's first exposure until the metric's window ends (both ends
    /// included); earlier or later events are counted in the accounting, not in metrics.
    public func finish() -> CollectionResult {
        let userCount = state.users.count
        var variant = [Int8](repeating: -1, count: userCount)
        var exposure = [Int64](repeating: .max, count: userCount)
        var excludedMultiple = 0, excludedNotInExperiment = 0, excludedNoVariant = 0
        // A periodic holdout is drawn for the period of each unit's exposure: one draw per UTC day seen.
        var draws: [Int64: ExperimentConfig] = [:]
        func assigner(at time: Int64) -> ExperimentConfig? {
            guard let assigner = plan.assigner, assigner.isPeriodic else { return plan.assigner }
            let day = UTCDay.day(ofMilliseconds: time)
            if let drawn = draws[day] { return drawn }
            let drawn = assigner.drawn(atMilliseconds: time)
            draws[day] = drawn
            return drawn
        }
        for u in 0..<userCount {
            let logged = state.loggedVariant[u]
            let eligible = state.eligibleTime[u]
            if logged == -2 { excludedMultiple += 1; continue }
            var reassigned: Int?
            var reassignedKnown = false
            // A logged exposure is when the app assigned the unit, so a periodic draw is checked at that time.
            if eligible != .max, let assigner = assigner(at: logged >= 0 ? state.loggedTime[u] : eligible) {
                reassigned = reassign(assigner, user: Int32(u))
                reassignedKnown = true
            }
            if logged >= 0 {
                variant[u] = logged
                exposure[u] = state.loggedTime[u]
                if reassignedKnown {
                    accounting.assignmentDriftChecked += 1
                    if reassigned != Int(logged) { accounting.assignmentDrift += 1 }
                }
            } else if eligible != .max {
                guard reassignedKnown else { excludedNoVariant += 1; continue }
                guard let reassigned else { excludedNotInExperiment += 1; continue }
                variant[u] = Int8(reassigned)
                exposure[u] = eligible
            }
        }
        if excludedMultiple > 0 { accounting.excludedUnits[.multipleVariants] = excludedMultiple }
        if excludedNotInExperiment > 0 { accounting.excludedUnits[.notInExperiment] = excludedNotInExperiment }
        if excludedNoVariant > 0 { accounting.excludedUnits[.noVariant] = excludedNoVariant }

        let observationEnd = plan.observationEnd ?? (state.latestTime == .min ? 0 : state.latestTime)
        let columns = EventColumns(time: state.eventTime, code: state.eventCode, values: state.eventValues)
        let (offsets, ordered) = Self.eventsByUser(userCount: userCount, users: state.eventUser, columns: columns)
        var computer = UnitMetricComputer(plan: plan, userCount: userCount, metricEvents: metricEvents, valueFields: valueFields)
        // Events this long before exposure feed CUPED covariates (they still count as before exposure).
        let covariateReach = plan.metrics.compactMap(\.covariateWindowMilliseconds).max() ?? -1
        let reach = self.reach
        var before: [Int32] = [], inWindow: [Int32] = []
        var eventsWithoutUnit = 0, eventsBeforeExposure = 0, eventsOutsideWindow = 0
        for u in 0..<userCount {
            let lower = offsets[u], upper = offsets[u + 1]
            guard variant[u] >= 0 else {
                eventsWithoutUnit += upper - lower
                continue
            }
            let t0 = exposure[u]
            inWindow.removeAll(keepingCapacity: true)
            before.removeAll(keepingCapacity: true)
            for i in lower..<upper {
                let e = Int(ordered[i])
                let t = columns.time[e]
                if t < t0 {
                    eventsBeforeExposure += 1
                    if t0 - t <= covariateReach { before.append(ordered[i]) }
                    continue
                }
                if t - t0 > reach[Int(columns.code[e])] { eventsOutsideWindow += 1; continue }
                inWindow.append(ordered[i])
            }
            computer.compute(unit: u, exposure: t0, events: inWindow, observationEnd: observationEnd, columns: columns)
            if covariateReach >= 0 { computer.computeCovariates(unit: u, exposure: t0, events: before, columns: columns) }
        }
        accounting.eventsWithoutUnit += eventsWithoutUnit
        accounting.eventsBeforeExposure += eventsBeforeExposure
        accounting.eventsOutsideWindow += eventsOutsideWindow

        fillExposureHours(variant: variant, exposure: exposure)
        fillGivenLabels(variant: variant)
        let table = UnitTable(
            variant: variant, users: state.users, dimensionValues: state.dimensionValues, dimensionLabels: state.dimensionLabels, plan: plan)
        // A windowed metric counts a unit only once its window has closed by the end of observation.
        let mature: [[Bool]?] = plan.metrics.map { metric in
            guard metric.maturityMilliseconds != nil else { return nil }
            return variant.indices.map { variant[$0] >= 0 && metric.isMature(exposure: exposure[$0], observationEnd: observationEnd) }
        }
        var result = table.result(plan, accounting: accounting, values: { m, _ in computer.values(of: m) },
                                  covariates: { m, _ in computer.covariate(of: m) }, mature: { mature[$0] })
        result.timeline = table.timeline(plan, exposure: exposure, values: { m in computer.values(of: m) }, mature: { mature[$0] })
        if keepsUnitVariants {
            var byUnit: [String: String] = [:]
            byUnit.reserveCapacity(variant.count)
            for u in variant.indices where variant[u] >= 0 { byUnit[state.users.string(Int32(u))] = plan.variants[Int(variant[u])] }
            result.unitVariants = byUnit
        }
        return result
    }

    /// Dimensions whose labels the caller gave per unit (``givenLabels``), in place of any
    /// value read from exposure lines.
    private func fillGivenLabels(variant: [Int8]) {
        for (d, name) in plan.dimensions.enumerated() {
            guard let given = givenLabels[name] else { continue }
            var labels: [String] = [], index: [String: Int32] = [:]
            for u in variant.indices {
                guard variant[u] >= 0, let label = given[state.users.string(Int32(u))] else { state.dimensionValues[d][u] = -1; continue }
                if let known = index[label] {
                    state.dimensionValues[d][u] = known
                } else {
                    index[label] = Int32(labels.count)
                    state.dimensionValues[d][u] = Int32(labels.count)
                    labels.append(label)
                }
            }
            state.dimensionLabels[d] = labels
            state.dimensionIndex[d] = index
        }
    }

    /// The built-in dimension `exposure_hour`: each unit's UTC hour of exposure ("00" to "23"),
    /// so every metric can be read by send hour when timestamps exist.
    private func fillExposureHours(variant: [Int8], exposure: [Int64]) {
        guard let d = plan.dimensions.firstIndex(of: EventCollector.exposureHourDimension) else { return }
        let labels = (0..<24).map { $0 < 10 ? "0\($0)" : "\($0)" }
        state.dimensionLabels[d] = labels
        state.dimensionIndex[d] = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
        for u in variant.indices {
            guard variant[u] >= 0 else { state.dimensionValues[d][u] = -1; continue }
            let hour = ((exposure[u] % 86_400_000 + 86_400_000) % 86_400_000) / 3_600_000
            state.dimensionValues[d][u] = Int32(hour)
        }
    }

    /// Re-assigns a user from its id (and, with targeting, its exposure line's attributes).
    private func reassign(_ assigner: ExperimentConfig, user: Int32) -> Int? {
        let id = state.users.string(user)
        if assigner.targeting != nil {
            var object = state.attributes[user] ?? JSONObject()
            if object[assigner.hashAttribute] == nil { object[assigner.hashAttribute] = .string(id) }
            let assignment = assigner.assign(attributes: object)
            return assignment.inExperiment ? assignment.variationIndex : nil
        }
        let outcome = assigner.outcome(id: id)
        return outcome.inExperiment ? outcome.variationIndex : nil
    }

    /// Event indices grouped by user (counting sort), each user's sorted by time, code and value,
    /// so results never depend on the order of input lines.
    private static func eventsByUser(userCount: Int, users: [Int32], columns: EventColumns) -> (offsets: [Int], ordered: [Int32]) {
        var offsets = [Int](repeating: 0, count: userCount + 1)
        for user in users { offsets[Int(user) + 1] += 1 }
        for u in 0..<userCount { offsets[u + 1] += offsets[u] }
        var next = offsets
        var ordered = [Int32](repeating: 0, count: users.count)
        for (e, user) in users.enumerated() {
            ordered[next[Int(user)]] = Int32(e)
            next[Int(user)] += 1
        }
        let firstValues = columns.values.first
        func precedes(_ a: Int32, _ b: Int32) -> Bool {
            let ea = Int(a), eb = Int(b)
            if columns.time[ea] != columns.time[eb] { return columns.time[ea] < columns.time[eb] }
            if columns.code[ea] != columns.code[eb] { return columns.code[ea] < columns.code[eb] }
            // A missing value (NaN) sorts first; two missing values are equal, so the order stays strict.
            if let values = firstValues {
                let va = values[ea], vb = values[eb]
                if va.isNaN != vb.isNaN { return va.isNaN }
                if !va.isNaN, va != vb { return va < vb }
            }
            return false
        }
        ordered.withUnsafeMutableBufferPointer { ordered in
            for u in 0..<userCount {
                let lower = offsets[u], upper = offsets[u + 1]
                guard upper - lower > 1 else { continue }
                if upper - lower <= 16 {
                    // Most units have a handful of events: an insertion sort (stable, like the sort below).
                    for i in lower + 1..<upper {
                        let item = ordered[i]
                        var j = i
                        while j > lower, precedes(item, ordered[j - 1]) {
                            ordered[j] = ordered[j - 1]
                            j -= 1
                        }
                        ordered[j] = item
                    }
                } else {
                    var events = UnsafeMutableBufferPointer(rebasing: ordered[lower..<upper])
                    events.sort(by: precedes)
                }
            }
        }
        return (offsets, ordered)
    }
}
