import ABAssign
import ABEvents
import ABKit
import Foundation

/// Assigns one user (with attributes, an exposure time or both) into every experiment of a run,
/// or evaluates the payload feature, and writes the records: the path for everything the plain
/// fast path cannot do (GrowthBook fields, sticky buckets, per-user send times, features).
struct UserAssigner {
    /// What a run evaluates.
    enum Target {
        /// Experiment files: their fast-path configurations, GrowthBook forms (`nil` for the fast
        /// path) and send-time plans, in the same order.
        case experiments(specs: [ExperimentSpec], configs: [ExperimentConfig], growthBook: [GrowthBookExperiment?], plans: [SendTimePlan])
        /// One feature of a GrowthBook payload.
        case feature(key: String, payload: GrowthBookPayload)
    }

    /// Why a user could not be assigned.
    enum Problem: Error {
        /// Send times are resolved but neither `--exposed-at` nor the line gives the exposure.
        case missingExposure
        /// The line's `exposedAt` is not a timestamp.
        case badExposure(String)
        /// The sticky-bucket store failed.
        case store(StickyBucketStoreError)
    }

    let target: Target
    /// `--exposed-at`, the exposure of users whose line gives none.
    let exposedAt: Date?
    /// Whether records carry `sendAt` (some variant's message has a `delay` or `sendAt`).
    let sendTimes: Bool
    let store: (any StickyBucketStore)?
    /// Experiments drawn for the period of a line's own `exposedAt` (a periodic holdout).
    private let draws = PeriodicDraws()

    /// The attributes whose sticky-bucket documents a payload feature's rules may read.
    private let featureStickyAttributes: [String]

    init(target: Target, exposedAt: Date?, sendTimes: Bool, store: (any StickyBucketStore)?) {
        self.target = target
        self.exposedAt = exposedAt
        self.sendTimes = sendTimes
        self.store = store
        var names: [String] = []
        if case .feature(_, let payload) = target {
            // Prerequisites may evaluate other features, so every rule of the payload counts.
            for key in payload.featureKeys {
                for rule in payload.features[key]?.rules ?? [] {
                    for name in [rule.hashAttribute, rule.fallbackAttribute].compactMap({ $0 }) where !names.contains(name) { names.append(name) }
                }
            }
        }
        featureStickyAttributes = names
    }

    /// The sticky-bucket documents evaluating `user` may read (each experiment's or rule's hash and
    /// fallback attribute with the user's value), so that a batch of users is read in one query.
    func stickyIdentifiers(of user: AssignRunner.InputUser) -> [(attributeName: String, value: String)] {
        var found: [(attributeName: String, value: String)] = []
        func add(_ name: String?, _ attributes: JSONObject) {
            guard let name else { return }
            let value = ExperimentConfig.hashString(attributes[name])
            if !value.isEmpty { found.append((name, value)) }
        }
        switch target {
        case .experiments(_, let configs, let growthBook, _):
            for (config, form) in zip(configs, growthBook) {
                guard let form else { continue }
                let attributes = user.attributes(identifiedBy: config.hashAttribute)
                add(form.hashAttribute, attributes)
                add(form.fallbackAttribute, attributes)
            }
        case .feature:
            let attributes = user.attributes(identifiedBy: "id")
            for name in featureStickyAttributes { add(name, attributes) }
        }
        return found
    }

    /// Each periodic experiment as drawn for each UTC day a line's `exposedAt` falls on, made once.
    private final class PeriodicDraws {
        private var drawn: [Int: [Int64: (config: ExperimentConfig, growthBook: GrowthBookExperiment?)]] = [:]

        func drawn(_ i: Int, _ spec: ExperimentSpec, _ config: ExperimentConfig, growthBook: Bool, at exposure: Date)
            -> (config: ExperimentConfig, growthBook: GrowthBookExperiment?)
        {
            let milliseconds = Int64((exposure.timeIntervalSince1970 * 1000).rounded(.down))
            let day = UTCDay.day(ofMilliseconds: milliseconds)
            if let known = drawn[i]?[day] { return known }
            let config = config.drawn(atMilliseconds: milliseconds)
            let made = (config: config, growthBook: growthBook ? spec.growthBookExperiment(bridging: config) : nil)
            drawn[i, default: [:]][day] = made
            return made
        }
    }

    /// Writes the user's records: assignment records through `writer`, feature records to `output`.
    func write(_ user: AssignRunner.InputUser, writer: inout AssignmentRecordWriter, output: ByteOutput) throws(Problem) {
        var exposure = exposedAt
        if let raw = user.exposedAt {
            guard case .string(let text) = raw, let date = ExposureTime.parse(text) else {
                throw .badExposure("expected \"exposedAt\" to be \(ExposureTime.expected), got \(JSONWriter.string(raw))")
            }
            exposure = date
        }
        if sendTimes, exposure == nil { throw .missingExposure }
        switch target {
        case .experiments(let specs, let configs, let growthBook, let plans):
            let userTimeZone = user.attributes?["timezone"]?.stringValue
            for i in configs.indices {
                let variationIndex: Int?, inExperiment: Bool, hashValue: Double?, reason: String
                var config = configs[i], growthBookForm = growthBook[i]
                // The run's configurations are drawn for --exposed-at (or now); a line's own exposure may fall in another period.
                if config.isPeriodic, user.exposedAt != nil, let exposure {
                    (config, growthBookForm) = draws.drawn(i, specs[i], config, growthBook: growthBookForm != nil, at: exposure)
                }
                if let experiment = growthBookForm {
                    let attributes = user.attributes(identifiedBy: config.hashAttribute)
                    let forced = specs[i].forcedVariation(for: ExperimentConfig.hashString(attributes[config.hashAttribute]))
                    var evaluator = GrowthBookEvaluator(
                        attributes: attributes, forcedVariations: forced.map { [experiment.key: $0] } ?? [:], stickyBucketStore: store)
                    let result: ExperimentResult
                    do { result = try evaluator.run(experiment) } catch { throw .store(error) }
                    (variationIndex, inExperiment, hashValue, reason) =
                        (result.inExperiment ? result.variationId : nil, result.inExperiment, result.bucket, result.reason.rawValue)
                } else {
                    let o = AssignRunner.assign(config, user)
                    guard sendTimes, user.exposedAt != nil || userTimeZone != nil else {
                        writer.write(id: user.id, experimentAt: i, o)
                        continue
                    }
                    (variationIndex, inExperiment, hashValue, reason) = (o.variationIndex, o.inExperiment, o.hashValue, o.reason.rawValue)
                }
                var sendAt: String??
                // Without its own exposure or zone the user shares the variant's prepared send time.
                if sendTimes, let exposure, user.exposedAt != nil || userTimeZone != nil {
                    sendAt = .some(variationIndex.flatMap { plans[i].sendAt(variant: $0, exposure: exposure, userTimeZone: userTimeZone) })
                }
                writer.write(id: user.id, experimentAt: i, variationIndex: variationIndex, inExperiment: inExperiment,
                             hashValue: hashValue, reason: reason, sendAt: sendAt)
            }
        case .feature(let key, let payload):
            var evaluator = GrowthBookEvaluator(attributes: user.attributes(identifiedBy: "id"), payload: payload, stickyBucketStore: store)
            let result: FeatureResult
            do { result = try evaluator.evalFeature(key) } catch { throw .store(error) }
            var bytes: [UInt8] = []
            JSONWriter.write(Self.record(id: user.id, feature: key, result), into: &bytes)
            bytes.append(0x0A)
            bytes.withUnsafeBytes { output.write($0) }
        }
    }

    /// A feature record: `{"id","feature","value","source","ruleId"}`, and for a value an
    /// experiment decided, `"experiment","variant","variationIndex","inExperiment","hashValue","reason"`.
    static func record(id: String, feature: String, _ result: FeatureResult) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            (key: "id", value: .string(id)), (key: "feature", value: .string(feature)), (key: "value", value: result.value),
            (key: "source", value: .string(result.source.rawValue)), (key: "ruleId", value: result.ruleId.map(JSONValue.string) ?? .null),
        ]
        if let experiment = result.experiment, let run = result.experimentResult {
            members += [
                (key: "experiment", value: .string(experiment.key)), (key: "variant", value: .string(run.key)),
                (key: "variationIndex", value: .number(Double(run.variationId))), (key: "inExperiment", value: .bool(run.inExperiment)),
                (key: "hashValue", value: run.bucket.map(JSONValue.number) ?? .null), (key: "reason", value: .string(run.reason.rawValue)),
            ]
        }
        return .object(JSONObject(members))
    }
}
