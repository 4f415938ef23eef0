import ABEvents
import ABAssign
import Foundation

/// `abkit assign`: assigns one user, or streams users from a file, into one or more experiments.
public enum AssignRunner {
    /// Runs the command; returns the exit code (0, 64 usage, 65 bad data, 66 missing input).
    public static func run(_ options: AssignOptions, stdin: ByteInput, stdout: ByteOutput, stderr: ByteOutput) -> Int32 {
        defer { stdout.flush(); stderr.flush() }
        guard !options.experimentFiles.isEmpty else {
            stderr.write("assign: give at least one --experiment FILE\n")
            return ABKitExitCode.usage.rawValue
        }
        guard (options.user == nil) != (options.input == nil) else {
            stderr.write("assign: give either --user ID or --input FILE|-\n")
            return ABKitExitCode.usage.rawValue
        }
        var experiments: [ExperimentConfig] = []
        for file in options.experimentFiles {
            do {
                experiments.append(try ExperimentSpec.load(path: file).assignmentConfig())
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
        var writer = AssignmentRecordWriter(format: options.format, experiments: experiments, output: output)
        defer { writer.flush(); output.flush() }
        if options.format == .csv { output.write(AssignmentRecordWriter.csvHeader) }

        if let user = options.user {
            var attributes = JSONObject()
            if let text = options.attributes {
                guard case .object(let object)? = try? JSONParser.parse(text) else {
                    stderr.write("assign: --attributes: expected a JSON object such as '{\"country\":\"US\"}'\n")
                    return ABKitExitCode.usage.rawValue
                }
                attributes = object
            }
            for i in experiments.indices {
                writer.write(id: user, experimentAt: i, assign(experiments[i], id: user, attributes: options.attributes == nil ? nil : attributes))
            }
            return ABKitExitCode.success.rawValue
        }

        let inputName = options.input!
        let input: ByteInput
        if inputName == "-" { input = stdin } else {
            guard let file = FileInput(path: inputName) else {
                stderr.write("assign: \(inputName): no such file\n")
                return ABKitExitCode.noInput.rawValue
            }
            input = file
        }
        var rejectsOutput: OutputFile?
        if let path = options.rejects {
            do { rejectsOutput = try OutputFile(path: path, strategy: .stream) } catch {
                stderr.write("assign: \(error.localizedDescription)\n")
                return ABKitExitCode.cannotWrite.rawValue
            }
        }

        var tally = RejectTally()
        var reader = LineReader(input)
        // Through a buffer pointer the loop borrows each experiment instead of copying it.
        experiments.withUnsafeBufferPointer { configs in reader.forEachLine { line, number in
            if let id = quickID(line) {
                tally.accepted += 1
                for i in configs.indices { writer.write(id: id, experimentAt: i, configs[i].outcome(utf8: id)) }
                return
            }
            switch parseUser(line) {
            case .success(let user):
                tally.accepted += 1
                for i in configs.indices {
                    writer.write(id: user.id, experimentAt: i, assign(configs[i], id: user.id, attributes: user.attributes))
                }
            case .failure(let reject):
                tally.record(reject.reason)
                writeReject(reject, file: inputName, line: number, raw: line, to: rejectsOutput ?? stderr)
            }
        } }
        writer.flush()
        do {
            try outputFile?.commit()
            try rejectsOutput?.commit()
        } catch {
            stderr.write("assign: \(error.localizedDescription)\n")
            return ABKitExitCode.cannotWrite.rawValue
        }
        stderr.write("assign: \(tally.summary)\n")
        if options.strict, tally.rejected > 0 { return ABKitExitCode.dataError.rawValue }
        return ABKitExitCode.success.rawValue
    }

    /// Assigns with the id filling in the experiment's hash attribute when the attributes lack it.
    static func assign(_ e: ExperimentConfig, id: String, attributes: JSONObject?) -> AssignmentOutcome {
        guard var attributes else { return e.outcome(id: id) }
        if attributes[e.hashAttribute] == nil { attributes[e.hashAttribute] = .string(id) }
        let a = e.assign(attributes: attributes)
        return AssignmentOutcome(variationIndex: a.variationIndex, inExperiment: a.inExperiment, hashValue: a.hashValue, reason: a.reason)
    }

    struct InputUser {
        var id: String
        var attributes: JSONObject?
    }

    struct Reject: Error {
        var reason: String
        var detail: String
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

    /// A JSON object line `{"id": ..., "attributes": {...}}`, or a plain id.
    static func parseUser(_ line: UnsafeBufferPointer<UInt8>) -> Result<InputUser, Reject> {
        var first = 0
        while first < line.count, line[first] == 0x20 || line[first] == 0x09 { first += 1 }
        if first == line.count { return .failure(Reject(reason: "empty-line", detail: "the line is empty")) }
        guard line[first] == UInt8(ascii: "{") else {
            return .success(InputUser(id: String(decoding: line, as: UTF8.self), attributes: nil))
        }
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            return .failure(Reject(reason: "invalid-json", detail: error.description))
        }
        guard case .object(let object) = value else { return .failure(Reject(reason: "invalid-json", detail: "expected an object")) }
        let id: String
        switch object["id"] {
        case .string(let s) where !s.isEmpty: id = s
        case .number(let n) where n.isFinite: id = JSNumber.string(n)
        case nil: return .failure(Reject(reason: "missing-id", detail: "expected an \"id\" field"))
        case let other?: return .failure(Reject(reason: "invalid-id", detail: "expected \"id\" to be a non-empty string or a number, got \(JSONWriter.string(other))"))
        }
        switch object["attributes"] {
        case nil, .null?: return .success(InputUser(id: id, attributes: nil))
        case .object(let attributes)?: return .success(InputUser(id: id, attributes: attributes))
        case let other?:
            return .failure(Reject(reason: "invalid-attributes", detail: "expected \"attributes\" to be an object, got \(JSONWriter.string(other))"))
        }
    }

    static func writeReject(_ reject: Reject, file: String, line: Int, raw: UnsafeBufferPointer<UInt8>, to output: ByteOutput) {
        var out: [UInt8] = Array(#"{"file":"#.utf8)
        JSONWriter.writeString(file, into: &out)
        out += Array(",\"line\":\(line),\"reason\":".utf8)
        JSONWriter.writeString(reject.reason, into: &out)
        out += Array(#","detail":"#.utf8)
        JSONWriter.writeString(reject.detail, into: &out)
        out += Array(#","raw":"#.utf8)
        JSONWriter.writeString(String(decoding: raw, as: UTF8.self), into: &out)
        out += Array("}\n".utf8)
        output.write(out)
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
