import ABTestSupport
import ABEvents
import ABAssign
@testable import ABKit
@testable import ABCommandLine
import Foundation
import Testing

/// Runs `abkit assign` in-process and returns (exit code, stdout, stderr).
func runAssign(_ options: AssignOptions, stdin: String = "") -> (Int32, String, String) {
    let out = MemoryOutput(), err = MemoryOutput()
    let code = AssignRunner.run(options, stdin: MemoryInput(stdin), stdout: out, stderr: err)
    return (code, out.text, err.text)
}

func tempPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("abkit-\(UUID().uuidString)-\(name)").path
}

@Suite("abkit assign")
struct AssignRunnerTests {
    let welcome = RepositoryPaths.root.appendingPathComponent("Experiments/welcome-message-timing.json").path
    let reengagement = RepositoryPaths.root.appendingPathComponent("Experiments/reengagement-channel.json").path
    let checklist = RepositoryPaths.root.appendingPathComponent("Experiments/onboarding-checklist.json").path
    /// The exposure time of tests whose experiments' messages have a delay or sendAt.
    let exposure = "2026-03-01T08:00:00Z"

    @Test("stream lines follow the collector's rules: JSON that is not an object, invalid UTF-8 and over-long ids are rejected whole")
    func streamRules() throws {
        let rejects = tempPath("rejects.jsonl")
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let longID = String(repeating: "x", count: 2 << 20)
        var input = Array("[1]\n\"u0\"\n{\"id\": 5}\n".utf8) + [0x75, 0xFF, 0x0A] + Array("\(longID)\nu9\n".utf8)
        input.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
        let out = MemoryOutput(), err = MemoryOutput()
        let code = AssignRunner.run(
            AssignOptions(experimentFiles: [welcome], input: "-", rejects: rejects, exposedAt: exposure), stdin: MemoryInput(bytes: input), stdout: out, stderr: err)
        #expect(code == 0)
        #expect(try out.text.split(separator: "\n").map { try JSONParser.parse(String($0))["id"]!.stringValue! } == ["5", "u9"])
        #expect(err.text.contains("read 6 lines, accepted 2, rejected 4 (invalid-id: 2, invalid-utf8: 1, line-too-long: 1)"))
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(rejected.map { $0["reason"]!.stringValue! } == ["invalid-id", "invalid-id", "invalid-utf8", "line-too-long"])
        #expect(rejected[2]["rawBase64"] == .string(Data([0x75, 0xFF]).base64EncodedString()))
        // Longer than the line limit: spooled and given back as base64, every byte.
        #expect(rejected[3]["rawBase64"]?.stringValue.flatMap { Data(base64Encoded: $0) } == Data(longID.utf8))
        #expect(rejected[3]["rawLength"] == .number(Double(2 << 20)))
    }

    @Test("one user prints one JSON object with the variant's message")
    func singleUser() throws {
        let (code, out, _) = runAssign(AssignOptions(
            experimentFiles: [reengagement], user: "user-7", attributes: #"{"days_inactive": 30}"#, exposedAt: exposure))
        #expect(code == 0)
        let record = try JSONParser.parse(out)
        let config = try ExperimentSpec.load(path: reengagement).assignmentConfig()
        var attributes = JSONObject([("days_inactive", 30)])
        attributes["user_id"] = "user-7"
        let expected = config.assign(attributes: attributes)
        #expect(record["id"] == "user-7")
        #expect(record["experiment"] == "reengagement-channel")
        #expect(record["variant"] == expected.variant.map(JSONValue.string) ?? .null)
        #expect(record["reason"] == .string(expected.reason.rawValue))
        #expect(record["hashValue"] == expected.hashValue.map(JSONValue.number) ?? .null)
        #expect(record["message"] == expected.message ?? .null)
        #expect(out.filter { $0 == "\n" }.count == 1)
    }

    @Test("a stream writes one line per user per experiment and rejects malformed lines")
    func stream() throws {
        let rejects = tempPath("rejects.jsonl")
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        let input = "u1\n{\"id\":\"u2\",\"attributes\":{\"days_inactive\":30,\"country\":\"US\"}}\n{oops\n\n{\"id\":3}\n"
            + "{\"id\":\"u4\",\"attributes\":[1]}\n{\"name\":\"x\"}\nu5\r\n"
        let (code, out, err) = runAssign(
            AssignOptions(experimentFiles: [reengagement, welcome], input: "-", rejects: rejects, exposedAt: exposure), stdin: input)
        #expect(code == 0)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 4 * 2)
        #expect(try lines.map { try JSONParser.parse(String($0))["id"]!.stringValue! } == ["u1", "u1", "u2", "u2", "3", "3", "u5", "u5"])
        #expect(err.contains("read 8 lines, accepted 4, rejected 4 (empty-line: 1, invalid-attributes: 1, invalid-json: 1, missing-id: 1)"))
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(rejected.map { $0["line"]!.numberValue! } == [3, 4, 6, 7])
        #expect(rejected[0]["raw"] == "{oops" && rejected[0]["file"] == "-" && rejected[0]["reason"] == "invalid-json")
    }

    @Test("--strict turns any reject into exit 65")
    func strict() {
        let (code, _, _) = runAssign(AssignOptions(experimentFiles: [checklist], input: "-", strict: true), stdin: "u1\n{bad\n")
        #expect(code == 65)
        #expect(runAssign(AssignOptions(experimentFiles: [checklist], input: "-", strict: true), stdin: "u1\nu2").0 == 0)
    }

    @Test("batch output equals single-user output, in CSV too")
    func csvAndFiles() throws {
        let input = tempPath("users.txt"), output = tempPath("out.csv")
        defer { for path in [input, output] { try? FileManager.default.removeItem(atPath: path) } }
        try (0..<500).map { "user-\($0)" }.joined(separator: "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let (code, _, _) = runAssign(AssignOptions(experimentFiles: [checklist], input: input, output: output, format: .csv))
        #expect(code == 0)
        let rows = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "id,experiment,inExperiment,variant,variationIndex,hashValue,reason,message")
        #expect(rows.count == 501)
        let config = try ExperimentSpec.load(path: checklist).assignmentConfig()
        for (i, row) in rows.dropFirst().enumerated() {
            let fields = row.split(separator: ",", maxSplits: 7, omittingEmptySubsequences: false)
            let a = config.assign(id: "user-\(i)")
            #expect(fields[0] == "user-\(i)" && fields[3] == (a.variant ?? "")[...] && fields[6] == a.reason.rawValue[...])
        }
    }

    static let exitCases: [(AssignOptions, Int32)] = {
        let checklist = RepositoryPaths.root.appendingPathComponent("Experiments/onboarding-checklist.json").path
        let badWeight = RepositoryPaths.root.appendingPathComponent("Tests/Reference/invalid-experiments/bad-weight.json").path
        return [
            (AssignOptions(experimentFiles: []), 64),
            (AssignOptions(experimentFiles: ["x.json"], user: "u", input: "-"), 64),
            (AssignOptions(experimentFiles: ["/nonexistent/x.json"], user: "u"), 66),
            (AssignOptions(experimentFiles: [badWeight], user: "u"), 65),
            (AssignOptions(experimentFiles: [checklist], input: "/nonexistent/users"), 66),
            (AssignOptions(experimentFiles: [checklist], user: "u", attributes: "[1]"), 64),
        ]
    }()

    @Test("exit codes: 64 usage, 65 bad experiment, 66 missing files", arguments: exitCases)
    func exitCodes(options: AssignOptions, code: Int32) {
        #expect(runAssign(options).0 == code)
    }

    @Test("hash values print as JavaScript prints them")
    func hashText() {
        for (n, text) in [(0.0, "0"), (0.5, "0.5"), (0.1234, "0.1234"), (0.999, "0.999"), (0.0001, "0.0001")] {
            var out: [UInt8] = []
            AssignmentRecordWriter.writeHash(n, into: &out, null: "null")
            #expect(String(decoding: out, as: UTF8.self) == text)
        }
    }

    @Test("reasons print as their raw values")
    func reasonText() {
        for reason in AssignmentReason.allCases {
            #expect(AssignmentRecordWriter.text(reason).description == reason.rawValue)
        }
    }

    static let idLines: [(line: String, id: String)] = [
        ("u1", "u1"), ("  u 1 ", "  u 1 "), (#"a"b\c"#, #"a"b\c"#), ("café", "café"), ("\t x", "\t x"),
        (#"{"id":"u2"}"#, "u2"), (" { \"id\" :\t\"u-3\" } ", "u-3"), (#"{"id":"a\"b"}"#, #"a"b"#),
        (#"{"id":"\u00e9t\u00e9"}"#, "été"), (#"{"id":"é"}"#, "é"), (#"{"id":42}"#, "42"),
        (#"{"id":"x","attributes":null}"#, "x"),
    ]

    @Test("fast-path lines (plain ids, {\"id\"}) write what the full parser's path writes", arguments: idLines)
    func fastPathAgrees(line: String, id: String) {
        let files = [reengagement, welcome, checklist]
        let streamed = runAssign(AssignOptions(experimentFiles: files, input: "-", exposedAt: exposure), stdin: line + "\n")
        let single = runAssign(AssignOptions(experimentFiles: files, user: id, exposedAt: exposure))
        #expect(streamed.0 == 0 && single.0 == 0)
        #expect(streamed.1 == single.1)
        for format in [AssignmentRecordWriter.Format.csv] {
            let csvStreamed = runAssign(AssignOptions(experimentFiles: files, input: "-", format: format, exposedAt: exposure), stdin: line + "\n")
            let csvSingle = runAssign(AssignOptions(experimentFiles: files, user: id, format: format, exposedAt: exposure))
            #expect(csvStreamed.1 == csvSingle.1)
        }
    }

    @Test("lines the fast path declines still go to the parser and its rejects")
    func fastPathDeclines() {
        let input = #"{"id":""}"# + "\n" + #"{"id":"u1""# + "\n" + #"{"id":"u1"} x"# + "\n" + #"{"ID":"u1"}"# + "\n"
        let (code, out, err) = runAssign(AssignOptions(experimentFiles: [welcome], input: "-", exposedAt: exposure), stdin: input)
        #expect(code == 0 && out.isEmpty)
        #expect(err.contains("read 4 lines, accepted 0, rejected 4 (invalid-id: 1, invalid-json: 2, missing-id: 1)"))
    }

    @Test("lines of any length stream through a small buffer")
    func longLines() {
        let long = String(repeating: "x", count: 200_000)
        let (code, out, _) = runAssign(AssignOptions(experimentFiles: [checklist], input: "-"), stdin: "a\n\(long)\nb")
        #expect(code == 0)
        #expect(out.split(separator: "\n").count == 3)
    }
}

@Suite("abkit validate")
struct ValidateRunnerTests {
    @Test("the examples validate; bad files list every problem")
    func validate() {
        let good = RepositoryPaths.experimentFiles.map(\.path)
        let out = MemoryOutput(), err = MemoryOutput()
        #expect(ValidateRunner.run(files: good, stdout: out, stderr: err) == 0)
        #expect(out.text.split(separator: "\n").count == good.count && err.text.isEmpty)

        let bad = ["bad-weight", "bad-duration", "funnel-without-steps"].map {
            RepositoryPaths.root.appendingPathComponent("Tests/Reference/invalid-experiments/\($0).json").path
        }
        let err2 = MemoryOutput()
        #expect(ValidateRunner.run(files: good + bad, stdout: MemoryOutput(), stderr: err2) == 65)
        #expect(err2.text.split(separator: "\n").count == 3)
        #expect(err2.text.contains(#"bad-weight.json: variants[1].weight: expected a number in [0, 1], got "x""#))
        #expect(ValidateRunner.run(files: bad + ["missing.json"], stdout: MemoryOutput(), stderr: MemoryOutput()) == 66)
    }
}
