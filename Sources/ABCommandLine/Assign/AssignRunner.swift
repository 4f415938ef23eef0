import ABSummary
import ABKit
import ABEvents
import ABAssign
import Foundation

/// `abkit assign`: assigns one user, or streams users from a file, into one or more experiments.
package enum AssignRunner {
    /// Runs the command; returns the exit code (0, 64 usage, 65 bad data, 66 missing input).
    package static func run(_ options: AssignOptions, stdin: ByteInput, stdout: ByteOutput, stderr: ByteOutput) -> Int32 {
        defer { stdout.flush(); stderr.flush() }
        guard !options.experimentFiles.isEmpty || options.growthBookPayload != nil else {
            stderr.write("assign: give at least one --experiment FILE, or --growthbook-payload FILE --feature KEY\n")
            return ABKitExitCode.usage.rawValue
        }
        guard options.experimentFiles.isEmpty || options.growthBookPayload == nil else {
            stderr.write("assign: give either --experiment FILE or --growthbook-payload FILE, not both\n")
            return ABKitExitCode.usage.rawValue
        }
        guard (options.growthBookPayload == nil) == (options.feature == nil) else {
            stderr.write("assign: --growthbook-payload FILE and --feature KEY go together\n")
            return ABKitExitCode.usage.rawValue
        }
        guard options.growthBookPayload == nil || options.format == .json else {
            stderr.write("assign: feature records (--growthbook-payload) are JSON lines; drop --format csv\n")
            return ABKitExitCode.usage.rawValue
        }
        guard (options.user == nil) != (options.input == nil) else {
            stderr.write("assign: give either --user ID or --input FILE|-\n")
            return ABKitExitCode.usage.rawValue
        }
        var exposedAt: Date?
        if let text = options.exposedAt {
            guard let date = ExposureTime.parse(text) else {
                stderr.write("assign: --exposed-at: expected \(ExposureTime.expected), got \"\(text)\"\n")
                return ABKitExitCode.usage.rawValue
            }
            exposedAt = date
        }
        var store: BufferedStickyBucketStore?
        if let path = options.stickyStore {
            do { store = try BufferedStickyBucketStore(path: path) } catch {
                stderr.write("assign: --sticky-store \(error)\n")
                return error.kind == .corrupt ? ABKitExitCode.dataError.rawValue : ABKitExitCode.cannotWrite.rawValue
            }
        }
        var specs: [ExperimentSpec] = []
        var experiments: [ExperimentConfig] = []
        var growthBook: [GrowthBookExperiment?] = []
        var plans: [SendTimePlan] = []
        var payload: GrowthBookPayload?
        if let path = options.growthBookPayload, let feature = options.feature {
            do { payload = try GrowthBookPayloadFile.load(path: path) } catch {
                stderr.write("assign: \(error.message)\n")
                return error.exitCode
            }
            guard payload?.features[feature] != nil else {
                stderr.write("assign: --feature: \(path) has no feature \"\(feature)\"; it has \(payload?.featureKeys ?? [])\n")
                return ABKitExitCode.usage.rawValue
            }
        }
        for file in options.experimentFiles {
            do {
                let spec = try ExperimentSpec.load(path: file)
                // A periodic holdout is drawn for --exposed-at, else for now; lines with their own exposedAt are drawn for it.
                let config = try spec.assignmentConfig(drawnAt: exposedAt ?? Date())
                experiments.append(config)
                growthBook.append(spec.usesGrowthBookFields || store != nil ? spec.growthBookExperiment(bridging: config) as GrowthBookExperiment? : nil)
                plans.append(try SendTimePlan(spec, file: file))
                specs.append(spec)
            } catch let error as ExperimentSpecError {
                for line in error.lines { stderr.write("assign: \(line)\n") }
                if case .unreadable = error { return ABKitExitCode.noInput.rawValue }
                return ABKitExitCode.dataError.rawValue
            } catch {
                stderr.write("assign: \(file): \(error)\n")
                return ABKitExitCode.dataError.rawValue
            }
        }
        let output: ByteOutput
        var outputFile: OutputFile?
        if let path = options.output {
            do { outputFile = try OutputFile(path: path, strategy: .stream) } catch {
                stderr.write("assign: \(error.localizedDescription)\n")
                return ABKitExitCode.cannotWrite.rawValue
            }
            output = outputFile!
        } else {
            output = stdout
        }
        let sendTimes = plans.contains(where: \.hasTiming)
        if sendTimes, exposedAt == nil, options.user != nil {
            stderr.write("assign: \(missingExposure(specs, plans)): give --exposed-at TIMESTAMP (\(ExposureTime.expected)) so records carry a reproducible sendAt\n")
            return ABKitExitCode.usage.rawValue
        }
        // Users without their own exposure time or zone share each variant's send time: written
        // once per variant, so plain ids keep the fast path.
        let constantSendAts: [[String?]]? = sendTimes
            ? plans.map { plan in plan.rules.indices.map { i in exposedAt.flatMap { plan.sendAt(variant: i, exposure: $0, userTimeZone: nil) } } }
            : nil
        var writer = AssignmentRecordWriter(format: options.format, experiments: experiments, output: output, sendAts: constantSendAts)
        defer { writer.flush(); output.flush() }
        if options.format == .csv, payload == nil { output.write(AssignmentRecordWriter.csvHeader(sendTimes: sendTimes)) }
        let assigner = UserAssigner(
            target: payload.map { .feature(key: options.feature!, payload: $0) }
                ?? .experiments(specs: specs, configs: experiments, growthBook: growthBook, plans: plans),
            exposedAt: exposedAt, sendTimes: sendTimes, store: store)
        // The plain fast path: experiment files alone, no GrowthBook field, no sticky store, and
        // send times (if any) the same for every plain id.
        let fast = payload == nil && growthBook.allSatisfy { $0 == nil } && (!sendTimes || exposedAt != nil)
        func finishStore() -> Int32? {
            do { try store?.finish() } catch {
                stderr.write("assign: --sticky-store \(error)\n")
                return ABKitExitCode.cannotWrite.rawValue
            }
            return nil
        }

        if let user = options.user {
            var attributes = JSONObject()
            if let text = options.attributes {
                guard case .object(let object)? = try? JSONParser.parse(text) else {
                    stderr.write("assign: --attributes: expected a JSON object such as '{\"country\":\"US\"}'\n")
                    return ABKitExitCode.usage.rawValue
                }
                attributes = object
            }
            do {
                try assigner.write(InputUser(id: user, attributes: options.attributes == nil ? nil : attributes), writer: &writer, output: output)
            } catch {
                switch error {
                case .badExposure(let detail):
                    stderr.write("assign: \(detail)\n")
                    return ABKitExitCode.usage.rawValue
                case .missingExposure:
                    // Checked before any record is written.
                    return ABKitExitCode.usage.rawValue
                case .store(let error):
                    stderr.write("assign: --sticky-store \(error)\n")
                    return ABKitExitCode.cannotWrite.rawValue
                }
            }
            return finishStore() ?? ABKitExitCode.success.rawValue
        }

        let inputName = options.input!
        // The collector's input layer: gzip, a BOM, CRLF, the same line limit and reject reasons.
        let source: ByteSource
        do {
            source = inputName == "-" ? Self.source(reading: stdin, name: "-") : try ByteSource(path: inputName)
        } catch {
            stderr.write("assign: \(error.localizedDescription)\n")
            return ABKitExitCode.noInput.rawValue
        }
        let rejects: RejectWriter
        do { rejects = try options.rejects.map { try RejectWriter(path: $0) } ?? RejectWriter(output: stderr) } catch {
            stderr.write("assign: \(error.localizedDescription)\n")
            return ABKitExitCode.cannotWrite.rawValue
        }

        var tally = RejectTally()
        var reader = ABEvents.LineReader(source: source, maximumLineBytes: maximumLineBytes)
        func reject(_ reason: RejectReason, _ detail: String, _ raw: RejectedBytes, line: Int? = nil) {
            tally.record(reason.rawValue)
            rejects.reject(file: inputName, line: line ?? reader.lineNumber, reason: reason, field: nil, detail: detail, raw: raw)
        }
        var stopped: Int32?
        /// Assigns a parsed line (or rejects it); `false` when the run must stop.
        func assign(_ parsed: Result<InputUser, Reject>, line number: Int, raw: UnsafeBufferPointer<UInt8>) -> Bool {
            switch parsed {
            case .success(let user):
                do throws(UserAssigner.Problem) {
                    try assigner.write(user, writer: &writer, output: output)
                    tally.accepted += 1
                } catch {
                    switch error {
                    case .badExposure(let detail):
                        reject(.badTimestamp, detail, .bytes(raw), line: number)
                    case .missingExposure:
                        stderr.write("assign: \(inputName):\(number): \(missingExposure(specs, plans)): give --exposed-at TIMESTAMP or an \"exposedAt\" field (\(ExposureTime.expected)) on every line\n")
                        stopped = ABKitExitCode.usage.rawValue
                        return false
                    case .store(let error):
                        stderr.write("assign: --sticky-store \(error)\n")
                        stopped = ABKitExitCode.cannotWrite.rawValue
                        return false
                    }
                }
            case .failure(let failure):
                reject(failure.reason, failure.detail, .bytes(raw), line: number)
            }
            return true
        }
        // A PostgreSQL sticky store is read for a batch of lines in one query, not once per user.
        let batching = store?.readsInBatches == true
        var batch: [(parsed: Result<InputUser, Reject>, line: Int, raw: [UInt8])] = []
        func assignBatch() -> Bool {
            defer { batch.removeAll(keepingCapacity: true) }
            do {
                try store?.prefetch(batch.flatMap { item in (try? item.parsed.get()).map(assigner.stickyIdentifiers(of:)) ?? [] })
            } catch {
                stderr.write("assign: --sticky-store \(error)\n")
                stopped = ABKitExitCode.cannotWrite.rawValue
                return false
            }
            for item in batch {
                guard item.raw.withUnsafeBufferPointer({ assign(item.parsed, line: item.line, raw: $0) }) else { return false }
            }
            return true
        }
        // Through a buffer pointer the loop borrows each experiment instead of copying it.
        experiments.withUnsafeBufferPointer { configs in
            while let next = reader.next() {
                guard case let .text(line) = next else {
                    if case let .tooLong(overlong) = next {
                        reject(.lineTooLong, ABEvents.LineReader.tooLongDetail(length: overlong.length, maximumLineBytes: maximumLineBytes), .overlong(overlong))
                    }
                    continue
                }
                if fast, let id = quickID(line) {
                    tally.accepted += 1
                    for i in configs.indices { writer.write(id: id, experimentAt: i, configs[i].outcome(utf8: id)) }
                    continue
                }
                if batching {
                    batch.append((parseUser(line), reader.lineNumber, Array(line)))
                    if batch.count >= BufferedStickyBucketStore.batchSize, !assignBatch() { return }
                    continue
                }
                guard assign(parseUser(line), line: reader.lineNumber, raw: line) else { return }
            }
            if !batch.isEmpty { _ = assignBatch() }
        }
        writer.flush()
        if let stopped { return stopped }
        if let code = finishStore() { return code }
        do {
            try source.checkComplete()
        } catch {
            stderr.write("assign: \(error.localizedDescription)\n")
            return ABKitExitCode.dataError.rawValue
        }
        do {
            try outputFile?.commit()
            try rejects.finish()
        } catch {
            stderr.write("assign: \(error.localizedDescription)\n")
            return ABKitExitCode.cannotWrite.rawValue
        }
        stderr.write("assign: \(tally.summary)\n")
        if options.strict, tally.rejected > 0 { return ABKitExitCode.dataError.rawValue }
        return ABKitExitCode.success.rawValue
    }

    /// Assigns with the id filling in the experiment's hash attribute when the attributes lack it.
    static func assign(_ e: ExperimentConfig, _ user: InputUser) -> AssignmentOutcome {
        guard user.attributes != nil else { return e.outcome(id: user.id) }
        let a = e.assign(attributes: user.attributes(identifiedBy: e.hashAttribute))
        return AssignmentOutcome(variationIndex: a.variationIndex, inExperiment: a.inExperiment, hashValue: a.hashValue, reason: a.reason)
    }

    struct InputUser {
        var id: String
        var attributes: JSONObject?
        /// The line's `exposedAt` as written, checked when send times need it.
        var exposedAt: JSONValue? = nil

        /// The attributes GrowthBook evaluates: the line's, with the id as `attribute` when they lack it.
        func attributes(identifiedBy attribute: String) -> JSONObject {
            var object = attributes ?? JSONObject()
            if object[attribute] == nil { object[attribute] = .string(id) }
            return object
        }
    }

    /// Which experiment and variant need an exposure time, for the usage error.
    static func missingExposure(_ specs: [ExperimentSpec], _ plans: [SendTimePlan]) -> String {
        for (spec, plan) in zip(specs, plans) {
            if let i = plan.rules.firstIndex(where: { $0 != nil }) {
                return "\(spec.id): variant \"\(spec.variants[i].key)\" has a message delay or sendAt"
            }
        }
        return "a message has a delay or sendAt"
    }

    struct Reject: Error {
        var reason: RejectReason
        var detail: String
    }

    /// The longest input line: the event collector's default, so an id it would refuse is refused here too.
    static let maximumLineBytes = 1 << 20

    /// Standard input (or a test's bytes) as a byte source, in 64 KiB pieces.
    static func source(reading input: ByteInput, name: String) -> ByteSource {
        ByteSource(name: name) {
            var piece = [UInt8](repeating: 0, count: 1 << 16)
            let n = piece.withUnsafeMutableBytes { input.read(into: $0) }
            return n == 0 ? nil : Array(piece[..<n])
        }
    }

    /// The id of the two commonest lines, found without a JSON parse: a plain id, or exactly
    /// `{"id": "..."}` (spaces or tabs allowed around the tokens) whose id is non-empty and has no
    /// escape or control character. The whole line must be ASCII. `nil` for anything else,
    /// which ``parseUser(_:)`` then reads (and accepts or rejects) as before.
    static func quickID(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard FNV1a.isASCII(line) else { return nil }
        var i = 0
        func skipBlanks() { while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 } }
        func take(_ byte: UInt8) -> Bool {
            guard i < line.count, line[i] == byte else { return false }
            i += 1
            return true
        }
        skipBlanks()
        if i == line.count { return nil }
        // JSON that is not an object is no plain id: the parser rejects it.
        if line[i] == UInt8(ascii: "[") || line[i] == UInt8(ascii: "\"") { return nil }
        guard take(UInt8(ascii: "{")) else { return line }
        skipBlanks()
        for byte in #""id""#.utf8 { guard take(byte) else { return nil } }
        skipBlanks()
        guard take(UInt8(ascii: ":")) else { return nil }
        skipBlanks()
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < line.count, line[i] != UInt8(ascii: "\""), line[i] != UInt8(ascii: "\\"), line[i] >= 0x20 { i += 1 }
        let end = i
        guard end > start, take(UInt8(ascii: "\"")) else { return nil }
        skipBlanks()
        guard take(UInt8(ascii: "}")) else { return nil }
        skipBlanks()
        return i == line.count ? UnsafeBufferPointer(rebasing: line[start..<end]) : nil
    }

    /// A JSON object line `{"id": ..., "attributes": {...}}` (a numeric id is taken as its
    /// JavaScript text, as GrowthBook's SDKs do), or a plain id: any other UTF-8 text that does
    /// not start like JSON (`[`, `"`).
    static func parseUser(_ line: UnsafeBufferPointer<UInt8>) -> Result<InputUser, Reject> {
        var first = 0
        while first < line.count, line[first] == 0x20 || line[first] == 0x09 { first += 1 }
        if first == line.count { return .failure(Reject(reason: .emptyLine, detail: "the line is empty")) }
        guard let text = String(validating: line, as: UTF8.self) else {
            return .failure(Reject(reason: .invalidUTF8, detail: "the line is not valid UTF-8"))
        }
        if line[first] == UInt8(ascii: "[") || line[first] == UInt8(ascii: "\"") {
            return .failure(Reject(reason: .invalidID, detail: "expected a plain id or a JSON object {\"id\": ...}, got JSON that is not an object"))
        }
        guard line[first] == UInt8(ascii: "{") else { return .success(InputUser(id: text, attributes: nil)) }
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            return .failure(Reject(reason: .invalidJSON, detail: error.description))
        }
        guard case .object(let object) = value else { return .failure(Reject(reason: .invalidJSON, detail: "expected an object")) }
        let id: String
        switch object["id"] {
        case .string(let s) where !s.isEmpty: id = s
        case .number(let n) where n.isFinite: id = JSNumber.string(n)
        case nil: return .failure(Reject(reason: .missingID, detail: "expected an \"id\" field"))
        case let other?: return .failure(Reject(reason: .invalidID, detail: "expected \"id\" to be a non-empty string or a number, got \(JSONWriter.string(other))"))
        }
        switch object["attributes"] {
        case nil, .null?: return .success(InputUser(id: id, attributes: nil, exposedAt: object["exposedAt"]))
        case .object(let attributes)?: return .success(InputUser(id: id, attributes: attributes, exposedAt: object["exposedAt"]))
        case let other?:
            return .failure(Reject(reason: .invalidAttributes, detail: "expected \"attributes\" to be an object, got \(JSONWriter.string(other))"))
        }
    }
}

/// Counts of accepted and rejected lines, by reason; read = accepted + rejected.
struct RejectTally {
    var accepted = 0
    var byReason: [String: Int] = [:]
    var rejected: Int { byReason.values.reduce(0, +) }

    mutating func record(_ reason: String) { byReason[reason, default: 0] += 1 }

    var summary: String {
        let reasons = byReason.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return "read \(accepted + rejected) lines, accepted \(accepted), rejected \(rejected)" + (reasons.isEmpty ? "" : " (\(reasons))")
    }
}
