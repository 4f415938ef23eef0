/// The event types an experiment's metrics read, each with the one model that generates it
/// (``SimulatedEvent``), in an order where a funnel step comes after the step before it and a
/// ratio's numerator after its denominator.
struct SimulationModel: Sendable {
    /// The events, parents first.
    var events: [SimulatedEvent]

    private static let day = 86_400.0

    /// The model of `spec`'s metrics under `plan`: metric baselines become event probabilities
    /// (or mean counts, amounts, ratio rates), and each planned effect the lift of the event that
    /// metric is driven by.
    init(spec: ExperimentSpec, plan: SimulationPlan) {
        let exposure = spec.exposure?.event
        var byName: [String: SimulatedEvent] = [:]
        var order: [String] = []
        func touch(_ name: String, window: Double?) {
            let w = window ?? 7 * Self.day
            if byName[name] == nil {
                order.append(name)
                byName[name] = SimulatedEvent(name: name, probability: 0.5, extra: 0, delayMean: w / 3, spread: w)
            } else {
                // The shortest window decides the delay, so every metric's window holds most first occurrences.
                byName[name]!.delayMean = min(byName[name]!.delayMean, w / 3)
                byName[name]!.spread = min(byName[name]!.spread, w)
            }
        }
        func isAncestor(_ candidate: String, of name: String) -> Bool {
            var current: String? = name
            while let c = current {
                if c == candidate { return true }
                current = byName[c]?.parent
            }
            return false
        }
        // First pass: which events exist, funnel order, and probabilities asked for directly.
        for metric in spec.metrics {
            let window = metric.window?.seconds
            let baseline = plan.baselines[metric.id]
            switch metric.type {
            case .conversion, .timeToEvent:
                guard let e = metric.event else { continue }
                touch(e, window: window)
                if let baseline, byName[e]!.target == nil { byName[e]!.target = baseline }
                byName[e]!.probability = 0.2
            case .retention:
                guard let e = metric.event else { continue }
                touch(e, window: window)
                let first = metric.day ?? 0
                byName[e]!.retentionDays.append(first...(metric.throughDay ?? first))
                if let baseline, byName[e]!.target == nil { byName[e]!.target = baseline }
                byName[e]!.probability = 0.3
            case .funnel:
                let steps = (metric.steps ?? []).filter { $0 != exposure }
                let perStep = (window ?? 7 * Self.day) / Double(max(1, steps.count))
                for (s, step) in steps.enumerated() {
                    touch(step, window: perStep * 3)
                    if s > 0, byName[step]!.parent == nil, !isAncestor(step, of: steps[s - 1]) { byName[step]!.parent = steps[s - 1] }
                    if s == 0, byName[step]!.target == nil, let baseline { byName[step]!.target = baseline }
                    // Later steps take the default conditional probability (0.5) unless a metric of their own sets it.
                    if s == 0 { byName[step]!.probability = 0.5 }
                }
            case .count, .sum, .mean, .ratio:
                for e in [metric.event, metric.numerator, metric.denominator].compactMap({ $0 }) { touch(e, window: window) }
            }
        }
        // Second pass: counts, amounts and ratios, on the probabilities the first pass settled
        // (`kindSet`: events whose probability a conversion, retention or funnel metric gave).
        var kindSet = Set<String>()
        for metric in spec.metrics {
            switch metric.type {
            case .conversion, .timeToEvent, .retention: if let e = metric.event { kindSet.insert(e) }
            case .funnel: if let first = (metric.steps ?? []).first(where: { $0 != exposure }) { kindSet.insert(first) }
            case .count, .sum, .mean, .ratio: continue
            }
        }
        for metric in spec.metrics {
            let baseline = plan.baselines[metric.id]
            switch metric.type {
            case .count:
                guard let e = metric.event else { continue }
                if byName[e]!.target == nil, !kindSet.contains(e) { byName[e]!.probability = 0.5 }
                // Mean count = P(active) × (1 + extra).
                byName[e]!.extra = max(byName[e]!.extra, (baseline ?? 2) / (byName[e]!.target ?? byName[e]!.probability) - 1)
            case .sum, .mean:
                guard let e = metric.event else { continue }
                if byName[e]!.target == nil, !kindSet.contains(e) { byName[e]!.probability = 0.3 }
                byName[e]!.extra = max(byName[e]!.extra, 0.5)
                byName[e]!.amount = (metric.value ?? "value", baseline ?? 40)
            case .ratio:
                guard let n = metric.numerator, let d = metric.denominator else { continue }
                if byName[d]!.target == nil, !kindSet.contains(d) { byName[d]!.probability = 0.5 }
                byName[d]!.extra = max(byName[d]!.extra, 2)
                if n != d { byName[n]!.perOccurrenceOf = (d, baseline ?? 0.3) }
            case .conversion, .timeToEvent, .retention, .funnel: continue
            }
        }
        // Pre-exposure occurrences for metrics measured before exposure too (CUPED covariates).
        for metric in spec.metrics {
            guard let window = metric.covariateWindow?.seconds, let e = metric.event, byName[e] != nil else { continue }
            byName[e]!.preExposureSeconds = max(byName[e]!.preExposureSeconds ?? 0, window)
        }
        // Planned effects and the night penalty, on each metric's driving event.
        let primary = spec.primaryMetric?.id
        for metric in spec.metrics {
            guard let e = Self.drivingEvent(of: metric, exposure: exposure), byName[e] != nil else { continue }
            for (variant, effect) in plan.effects[metric.id] ?? [:] {
                byName[e]!.lift[variant, default: 1] *= 1 + effect
            }
            if metric.id == primary { byName[e]!.nightSensitive = true }
        }
        // Parents first, then conditional probabilities from the unconditional targets.
        var sorted: [String] = [], visiting = Set<String>()
        func visit(_ name: String) {
            // `visiting` breaks a cycle (a numerator that is also its denominator's funnel parent).
            guard !sorted.contains(name), visiting.insert(name).inserted else { return }
            if let parent = byName[name]?.parent { visit(parent) }
            if let denominator = byName[name]?.perOccurrenceOf?.event, denominator != name { visit(denominator) }
            sorted.append(name)
        }
        order.forEach(visit)
        var unconditional: [String: Double] = [:]
        for name in sorted {
            let parent = byName[name]!.parent
            let parentShare = parent.flatMap { unconditional[$0] } ?? 1
            if let target = byName[name]!.target {
                byName[name]!.probability = min(1, target / max(parentShare, 1e-9))
            } else if parent != nil {
                // A later step without a baseline: half of those who did the step before.
                byName[name]!.probability = 0.5
            }
            unconditional[name] = parentShare * byName[name]!.probability
        }
        events = sorted.map { byName[$0]! }
    }

    /// The event whose probability a metric's planned effect lifts: its event, a ratio's numerator,
    /// a funnel's first step after exposure.
    static func drivingEvent(of metric: MetricSpec, exposure: String?) -> String? {
        switch metric.type {
        case .conversion, .timeToEvent, .retention, .count, .sum, .mean: metric.event
        case .ratio: metric.numerator
        case .funnel: metric.steps?.first { $0 != exposure }
        }
    }

    /// The longest span after exposure any metric reads, in seconds (a retention's last day end
    /// included): the simulated data run this long past the last signup.
    static func followUpSeconds(_ spec: ExperimentSpec) -> Double {
        spec.metrics.map { metric in
            switch metric.type {
            case .retention: Double((metric.throughDay ?? metric.day ?? 0) + 1) * day
            case .conversion, .timeToEvent, .count, .sum, .mean, .ratio, .funnel: metric.window?.seconds ?? 7 * day
            }
        }.max() ?? 7 * day
    }
}
