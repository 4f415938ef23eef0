import ABSummary
import ABAssign
import ABEvents
import ABStats
import Foundation

/// Generates a realistic event log for an experiment file: signups with attributes and time
/// zones, deterministic assignment through ABAssign, logged exposures, and the events each
/// metric counts, with chosen true effects, a send-time effect and dirty lines. Seeded.
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

    /// Writes the log as JSONL lines to `write`, one call per line (without the newline).
    package func run(_ write: (String) throws -> Void) throws -> Summary {
        try plan.validate()
        let config = try spec.assignmentConfig()
        let random = SeededRandom(seed: plan.seed)
        var summary = Summary()
        var eventCounter = 0
        var lastLine: String?
        // Dirty numeric values go into the property a metric reads, so the collector must reject them.
        let valueField = spec.metrics.first { $0.type.valueProperty == .required }?.value ?? "value"

        func emit(_ fields: [(String, JSONValue)]) throws {
            eventCounter += 1
            var members = [("event_id", JSONValue.string("e\(eventCounter)"))] + fields
            var line = JSONWriter.string(.object(JSONObject(members.map { (key: $0.0, value: $0.1) })))
            if plan.dirtyRate > 0, random.bernoulli(plan.dirtyRate) {
                summary.dirtyLines += 1
                switch random.integer(below: 5) {
                case 0: line = String(line.dropLast(7))  // truncated JSON
                case 1: members.removeAll { $0.0 == "user_id" }; line = JSONWriter.string(.object(JSONObject(members.map { (key: $0.0, value: $0.1) })))
                case 2: line = line.replacingOccurrences(of: "\"timestamp\":\"", with: "\"timestamp\":\"yesterday ")
                case 3: line = lastLine ?? line  // duplicate event id
                default: line = line.replacingOccurrences(of: "\"event\":\"", with: "\"\(valueField)\":\"n/a\",\"event\":\"")
                }
            }
            lastLine = line
            summary.lines += 1
            try write(line)
        }

        for index in 0..<plan.users {
            summary.users += 1
            let userID = "u\(String(index, radix: 36))-\(plan.seed)"
            let country = Self.pick(Self.countries, random)
            let platform = Self.platforms[random.integer(below: Self.platforms.count)]
            let offsetMinutes = Self.offsets[country] ?? 0
            let signup = plan.start.addingTimeInterval(random.uniform() * Double(plan.days) * 86_400)
            let attributes = JSONObject([
                (key: "id", value: .string(userID)), (key: "user_id", value: .string(userID)),
                (key: "country", value: .string(country)), (key: "platform", value: .string(platform)),
            ])
            let assignment = config.assign(attributes: attributes)
            guard assignment.inExperiment, let variant = assignment.variant else { continue }
            summary.exposed += 1
            try emit([("user_id", .string(userID)), ("event", .string(spec.exposure?.event ?? "exposure")),
                      ("timestamp", .string(Self.timestamp(signup))), ("experiment", .string(spec.id)),
                      ("variant", .string(variant)), ("country", .string(country)), ("platform", .string(platform)),
                      ("tz_offset", .number(Double(offsetMinutes)))])
            let nightFactor = isNightDelivery(variant: variant, exposure: signup, offsetMinutes: offsetMinutes) ? 1 - plan.nightPenalty : 1
            // A once-per-user event (a conversion, a funnel step) shared by several metrics is emitted once.
            var onceEvents = Set<String>()
            for metric in spec.metrics {
                let lift = 1 + (plan.effects[metric.id]?[variant] ?? 0)
                let once = [.conversion, .timeToEvent, .funnel].contains(metric.type)
                for (event, time, value) in events(for: metric, exposure: signup, lift: lift * nightFactor, random) {
                    if once, !onceEvents.insert(event).inserted { continue }
                    var fields: [(String, JSONValue)] = [("user_id", .string(userID)), ("event", .string(event)),
                                                         ("timestamp", .string(Self.timestamp(time)))]
                    if let value { fields.append((metric.value ?? "value", .number((value * 100).rounded() / 100))) }
                    try emit(fields)
                }
            }
        }
        return summary
    }

    /// The events one user produces for one metric.
    private func events(for metric: MetricSpec, exposure: Date, lift: Double, _ random: SeededRandom) -> [(String, Date, Double?)] {
        let window = metric.window?.seconds ?? 7 * 86_400
        let baseline = plan.baselines[metric.id]
        func after(_ seconds: Double) -> Date { exposure.addingTimeInterval(seconds) }
        // A delay that mostly falls inside the window, with a tail beyond it.
        func delay() -> Double { random.exponential(mean: window / 3) }
        switch metric.type {
        case .conversion, .timeToEvent:
            guard let event = metric.event, random.bernoulli(min(1, (baseline ?? 0.2) * lift)) else { return [] }
            return [(event, after(delay()), nil)]
        case .retention:
            guard let event = metric.event else { return [] }
            let day = Double(metric.day ?? 7)
            var result: [(String, Date, Double?)] = []
            if random.bernoulli(min(1, (baseline ?? 0.3) * lift)) {
                result.append((event, after(day * 86_400 + random.uniform() * 86_400), nil))
            }
            if random.bernoulli(0.5) { result.append((event, after(random.uniform() * day * 86_400), nil)) }
            return result
        case .funnel:
            var result: [(String, Date, Double?)] = []
            var time = 0.0
            for (step, event) in (metric.steps ?? []).enumerated() {
                let probability = min(1, (baseline ?? 0.6) * (step == 0 ? lift : 1))
                guard random.bernoulli(probability) else { break }
                time += delay() / Double(max(1, metric.steps?.count ?? 1))
                result.append((event, after(time), nil))
            }
            return result
        case .sum, .mean:
            guard let event = metric.event, random.bernoulli(0.3) else { return [] }
            let purchases = 1 + random.poisson(mean: 0.5)
            // Log-normal amounts with mean `baseline` (default 40): exp(mu + sigma²/2) = mean.
            let sigma = 1.0, mean = (baseline ?? 40) * lift
            let mu = log(mean) - sigma * sigma / 2
            return (0..<purchases).map { _ in (event, after(delay()), random.logNormal(mu: mu, sigma: sigma)) }
        case .count:
            guard let event = metric.event else { return [] }
            return (0..<random.poisson(mean: (baseline ?? 2) * lift)).map { _ in (event, after(delay()), nil) }
        case .ratio:
            guard let numerator = metric.numerator, let denominator = metric.denominator else { return [] }
            let sent = random.poisson(mean: 3)
            let opened = random.binomial(trials: sent, probability: min(1, (baseline ?? 0.3) * lift))
            return (0..<sent).map { _ in (denominator, after(delay()), nil) } + (0..<opened).map { _ in (numerator, after(delay()), nil) }
        }
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
