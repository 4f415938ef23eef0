import ABSummary
import ABAssign
import ABEvents
import ABStats
import Foundation

/// Generates a realistic event log for an experiment file: signups with attributes (those the
/// targeting reads included) and time zones, deterministic assignment through ABAssign, logged
/// exposures, and each event type once per user from one model (``SimulationModel``), so a
/// planned effect reaches every metric counting that event; pre-exposure events for metrics with
/// a covariate window, a send-time effect on the primary metric and dirty lines. Field names follow
/// the experiment file's `source.fields`. Seeded.
package struct EventSimulator {
    /// The experiment.
    package let spec: ExperimentSpec
    /// The plan.
    package let plan: SimulationPlan

    /// What was written.
    package struct Summary: Sendable, Equatable {
        /// Users generated.
        package var users = 0
        /// Users assigned to a variant.
        package var exposed = 0
        /// Lines written, dirty ones included.
        package var lines = 0
        /// Dirty lines written.
        package var dirtyLines = 0
    }

    /// Creates a simulator.
    package init(spec: ExperimentSpec, plan: SimulationPlan) {
        self.spec = spec
        self.plan = plan
    }

    private static let countries: [(String, Double)] = [("US", 0.45), ("CA", 0.15), ("GB", 0.15), ("DE", 0.1), ("BR", 0.15)]
    private static let platforms = ["ios", "android", "web"]
    /// UTC offsets in minutes by country (one representative zone each).
    private static let offsets: [String: Int] = ["US": -300, "CA": -300, "GB": 0, "DE": 60, "BR": -180]

    /// A field's name in the data: the experiment file's `source.fields`, else ABKit's default.
    private func field(_ name: String, _ fallback: String) -> String { spec.source.fields[name] ?? fallback }

    /// Writes the log as JSONL lines to `write`, one call per line (without the newline); an
    /// experiment without an exposure event reads user tables, so it gets a CSV user table instead.
    package func run(_ write: (String) throws -> Void) throws -> Summary {
        try plan.validate()
        if spec.exposure == nil { return try runUserTable(write) }
        let config = try spec.assignmentConfig(drawnAt: plan.start)
        let model = SimulationModel(spec: spec, plan: plan)
        let random = SeededRandom(seed: plan.seed)
        var summary = Summary()
        var eventCounter = 0
        var lastLine: String?
        let userField = field("user", "user_id"), eventField = field("event", "event"), timeField = field("timestamp", "timestamp")
        let idField = field("eventID", "event_id")
        // Dirty numeric values go into the property a metric reads, so the collector must reject them.
        let valueField = valueName(spec.metrics.first { $0.type.valueProperty == .required }?.value ?? "value")
        let targetingNames = SimulatedAttributes.names(in: spec.assignment.targeting)
        // The data end after the last signup plus the longest window: like an export taken then.
        let end = plan.start.addingTimeInterval(Double(plan.days) * 86_400 + SimulationModel.followUpSeconds(spec) + 86_400)

        func emit(_ fields: [(String, JSONValue)]) throws {
            eventCounter += 1
            var members = [(idField, JSONValue.string("e\(eventCounter)"))] + fields
            var line = JSONWriter.string(.object(JSONObject(members.map { (key: $0.0, value: $0.1) })))
            if plan.dirtyRate > 0, random.bernoulli(plan.dirtyRate) {
                summary.dirtyLines += 1
                switch random.integer(below: 5) {
                case 0: line = String(line.dropLast(7))  // truncated JSON
                case 1: members.removeAll { $0.0 == userField }; line = JSONWriter.string(.object(JSONObject(members.map { (key: $0.0, value: $0.1) })))
                case 2: line = line.replacingOccurrences(of: "\"\(timeField)\":\"", with: "\"\(timeField)\":\"yesterday ")
                case 3: line = lastLine ?? line  // duplicate event id
                default: line = line.replacingOccurrences(of: "\"\(eventField)\":\"", with: "\"\(valueField)\":\"n/a\",\"\(eventField)\":\"")
                }
            }
            lastLine = line
            summary.lines += 1
            try write(line)
        }
        func emitEvent(_ user: String, _ event: String, _ time: Date, amount: (field: String, value: Double)?) throws {
            guard time <= end else { return }
            var fields: [(String, JSONValue)] = [(userField, .string(user)), (eventField, .string(event)), (timeField, .string(Self.timestamp(time)))]
            if let amount { fields.append((valueName(amount.field), .number((amount.value * 100).rounded() / 100))) }
            try emit(fields)
        }

        for index in 0..<plan.users {
            summary.users += 1
            let userID = "u\(String(index, radix: 36))-\(plan.seed)"
            let country = Self.pick(Self.countries, random)
            let platform = Self.platforms[random.integer(below: Self.platforms.count)]
            let offsetMinutes = Self.offsets[country] ?? 0
            let signup = plan.start.addingTimeInterval(random.uniform() * Double(plan.days) * 86_400)
            var members: [(key: String, value: JSONValue)] = [
                (key: "id", value: .string(userID)), (key: "user_id", value: .string(userID)),
                (key: "country", value: .string(country)), (key: "platform", value: .string(platform)),
            ]
            if !["id", "user_id"].contains(spec.unit) { members.append((key: spec.unit, value: .string(userID))) }
            // The attributes targeting reads (days_inactive, unsubscribed, ...), so targeting can admit users.
            var extra: [(String, JSONValue)] = []
            for name in targetingNames {
                guard let value = SimulatedAttributes.value(for: name, random) else { continue }
                members.append((key: name, value: value))
                extra.append((name, value))
            }
            // A user's engagement scales every event's probability, before and after exposure alike:
            // what makes a pre-exposure covariate predict the outcome (CUPED).
            let engagement = random.bernoulli(0.5) ? 0.5 : 1.5
            // A periodic holdout is drawn for the period of the user's exposure, as the collector reads it.
            let drawn = config.drawn(atMilliseconds: Int64((signup.timeIntervalSince1970 * 1000).rounded(.down)))
            let assignment = drawn.assign(attributes: JSONObject(members))
            guard assignment.inExperiment, let variant = assignment.variant else { continue }
            summary.exposed += 1
            let exposureEvent = spec.exposure?.event ?? "exposure"
            try emit([(userField, .string(userID)), (eventField, .string(exposureEvent)),
                      (timeField, .string(Self.timestamp(signup))), (field("experiment", "experiment"), .string(spec.id)),
                      (field("variant", "variant"), .string(variant)), ("country", .string(country)), ("platform", .string(platform)),
                      ("tz_offset", .number(Double(offsetMinutes)))] + extra)
            let night = isNightDelivery(variant: variant, exposure: signup, offsetMinutes: offsetMinutes)
            var doneAt: [String: Date] = [:]
            var occurrences: [String: [Date]] = [:]
            for event in model.events {
                if let window = event.preExposureSeconds, random.bernoulli(min(1, event.probability * engagement)) {
                    for _ in 0...random.poisson(mean: event.extra) {
                        let time = signup.addingTimeInterval(-random.uniformPositive() * window)
                        try emitEvent(userID, event.name, time, amount: event.amount.map { ($0.field, amount($0.mean, random)) })
                    }
                }
                var probability = event.probability * engagement * (event.lift[variant] ?? 1)
                if night, event.nightSensitive { probability *= 1 - plan.nightPenalty }
                if let per = event.perOccurrenceOf {
                    // A ratio's numerator: per occurrence of its denominator, at about the same time.
                    for time in occurrences[per.event] ?? [] where random.bernoulli(min(1, per.rate * (event.lift[variant] ?? 1))) {
                        try emitEvent(userID, event.name, time.addingTimeInterval(random.uniform() * 60),
                                      amount: event.amount.map { ($0.field, amount($0.mean, random)) })
                    }
                    continue
                }
                // A funnel step follows the step before it; a user who skipped that one stops there.
                let after: Date? = if let parent = event.parent { doneAt[parent] } else { signup }
                guard let after, random.bernoulli(min(1, probability)) else { continue }
                let first = after.addingTimeInterval(random.exponential(mean: event.delayMean))
                var times = [first]
                for _ in 0..<random.poisson(mean: event.extra) { times.append(first.addingTimeInterval(random.uniform() * event.spread)) }
                for days in event.retentionDays {
                    let span = Double(days.upperBound - days.lowerBound + 1) * 86_400
                    times.append(signup.addingTimeInterval(Double(days.lowerBound) * 86_400 + random.uniform() * span))
                }
                doneAt[event.name] = first
                occurrences[event.name] = times
                for time in times {
                    try emitEvent(userID, event.name, time, amount: event.amount.map { ($0.field, amount($0.mean, random)) })
                }
            }
        }
        return summary
    }

    /// A value property's name in the data: `value` follows `source.fields`, others are as named.
    private func valueName(_ property: String) -> String {
        property == "value" ? field("value", "value") : property
    }

    /// A purchase-like amount: log-normal with mean `mean` (exp(mu + sigma²/2) = mean, sigma 1).
    private func amount(_ mean: Double, _ random: SeededRandom) -> Double {
        random.logNormal(mu: log(mean) - 0.5, sigma: 1)
    }

    /// A user table (CSV with a header) for an experiment read from user tables: one row per user
    /// with its variant (assigned as `abkit assign` would) and each metric's column, the planned
    /// effects applied to each metric's probability or mean.
    private func runUserTable(_ write: (String) throws -> Void) throws -> Summary {
        let config = try spec.assignmentConfig(drawnAt: plan.start)
        let random = SeededRandom(seed: plan.seed)
        var summary = Summary()
        var header = [field("user", "user_id"), field("variant", "variant")]
        for metric in spec.metrics {
            header.append(metric.column ?? metric.id)
            if let denominator = metric.denominatorColumn { header.append(denominator) }
        }
        try write(header.joined(separator: ","))
        summary.lines += 1
        for index in 0..<plan.users {
            summary.users += 1
            let userID = "u\(String(index, radix: 36))-\(plan.seed)"
            // The id under every name the assignment may hash: `id`, `user_id` and the file's unit.
            let ids = Set(["id", "user_id", spec.unit]).sorted().map { (key: $0, value: JSONValue.string(userID)) }
            let assignment = config.assign(attributes: JSONObject(ids))
            guard assignment.inExperiment, let variant = assignment.variant else { continue }
            summary.exposed += 1
            let engagement = random.bernoulli(0.5) ? 0.5 : 1.5
            var row = [userID, variant]
            for metric in spec.metrics {
                let lift = 1 + (plan.effects[metric.id]?[variant] ?? 0)
                let baseline = plan.baselines[metric.id]
                switch metric.type.unitValue {
                case .binary:
                    row.append(random.bernoulli(min(1, (baseline ?? 0.3) * engagement * lift)) ? "1" : "0")
                case .real, .stepsReached, .timeToEvent:
                    row.append(String(random.poisson(mean: (baseline ?? 20) * engagement * lift)))
                case .ratio:
                    let denominator = random.poisson(mean: 3 * engagement)
                    row.append(String(random.binomial(trials: denominator, probability: min(1, (baseline ?? 0.3) * lift))))
                    if metric.denominatorColumn != nil { row.append(String(denominator)) }
                }
            }
            summary.lines += 1
            try write(row.joined(separator: ","))
        }
        return summary
    }

    /// Whether the variant's message reaches the user between 22:00 and 06:59 local time.
    private func isNightDelivery(variant: String, exposure: Date, offsetMinutes: Int) -> Bool {
        guard plan.nightPenalty > 0, let message = spec.variants.first(where: { $0.key == variant })?.message else { return false }
        var send = exposure.addingTimeInterval(message.delay?.seconds ?? 0)
        if let sendAt = message.sendAt, let hour = Int(sendAt.prefix(2)) {
            // The next local `hour`:00 after exposure.
            let local = exposure.addingTimeInterval(Double(offsetMinutes) * 60)
            let secondsIntoDay = local.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
            var wait = Double(hour) * 3600 - secondsIntoDay
            if wait <= 0 { wait += 86_400 }
            send = exposure.addingTimeInterval(wait)
        }
        let localHour = Int((send.timeIntervalSince1970 + Double(offsetMinutes) * 60).truncatingRemainder(dividingBy: 86_400) / 3600)
        return localHour >= 22 || localHour < 7
    }

    private static func pick(_ choices: [(String, Double)], _ random: SeededRandom) -> String {
        var u = random.uniform()
        for (value, weight) in choices {
            if u < weight { return value }
            u -= weight
        }
        return choices.last!.0
    }

    private static func timestamp(_ date: Date) -> String {
        // Whole seconds in UTC; formatted by hand because a DateFormatter per line is slow.
        UTCTime.iso8601(seconds: Int(date.timeIntervalSince1970.rounded(.down)))
    }
}
