import ABTestSupport
import ABAssign
import Foundation
import Testing
@testable import ABEvents

/// The JSON scanner's fast path (`scanPlain`, with and without its key memo) must agree with the
/// careful path on every input: when the fast path takes a line, the careful path accepts it
/// and fills the same slots; the public `scan` gives the careful path's verdict. The careful
/// verdict, on valid UTF-8, must be JSONParser's (an independent recursive parser).
@Suite("Fuzz: JSON scanner fast path = careful path")
struct JSONObjectScannerFuzzTests {
    /// Names of 2 to 17 bytes, so keys cross the memo's 15-byte and the matcher's 8-byte limits.
    static let matcher = FieldMatcher(fields: [
        ["user_id", "userId", "id"], ["event"], ["timestamp", "ts"], ["variant"], ["amount"], ["fifteen_bytes_k"],
        ["sixteen_bytes_ky"], ["eight_by"],
    ])
    static let keys = [
        "user_id", "userId", "id", "event", "timestamp", "ts", "variant", "amount", "fifteen_bytes_k", "sixteen_bytes_ky",
        "eight_by", "country", "props", "x", "", "user_idx", "user_i", "a_key_well_past_sixteen_bytes", "é", "user\\u005fid",
    ]

    static func value<G: RandomNumberGenerator>(_ g: inout G, depth: Int = 0) -> String {
        switch Int.random(in: 0..<10, using: &g) {
        case 0: return #""u-\#(Int.random(in: 0..<1000, using: &g))""#
        case 1: return ["\"2026-11-02T09:30:00Z\"", "\"a\\\"b\\\\c\\n\"", "\"\\u00e9t\\u00E9\"", "\"caf\u{e9}\"", "\"\u{1F600}\"", "\"\""]
            .randomElement(using: &g)!
        case 2: return ["0", "-1", "12.5", "-0.5e-3", "1E+2", "1793577600000", "1e400", "-0"].randomElement(using: &g)!
        case 3: return ["true", "false", "null"].randomElement(using: &g)!
        case 4 where depth < 3:
            return "[" + (0..<Int.random(in: 0...3, using: &g)).map { _ in value(&g, depth: depth + 1) }.joined(separator: ",") + "]"
        case 5 where depth < 3:
            return "{" + (0..<Int.random(in: 0...3, using: &g)).map { _ in "\"\(keys.randomElement(using: &g)!)\":\(value(&g, depth: depth + 1))" }
                .joined(separator: ",") + "}"
        default: return "\"\(["signup", "purchase", "a", "b", "x y", "long-value-past-eight-bytes"].randomElement(using: &g)!)\""
        }
    }

    /// An event line: a common layout (so the memo recognizes keys) or a random one, duplicate keys included.
    static func line<G: RandomNumberGenerator>(_ g: inout G) -> [UInt8] {
        var members: [String]
        if Bool.random(using: &g) {
            members = [#""user_id":"u\#(Int.random(in: 0..<50, using: &g))""#, #""event":"signup""#, #""timestamp":1793577600000"#]
            if Bool.random(using: &g) { members.append(#""amount":\#(value(&g))"#) }
        } else {
            members = (0..<Int.random(in: 0...6, using: &g)).map { _ in "\"\(keys.randomElement(using: &g)!)\":\(value(&g))" }
        }
        let space = [" ", "", "", "\t"]
        return Array(("{" + members.joined(separator: "," + space.randomElement(using: &g)!) + "}").utf8)
    }

    /// Runs every property on one line; `memo` persists across lines as in the collector.
    static func check(_ bytes: [UInt8], memo: UnsafeMutableBufferPointer<KeyMemo>, _ context: @autoclosure () -> String) {
        let n = matcher.slotCount
        var careful = [ValueSlice](repeating: .missing, count: n), plain = careful, memoized = careful, viaScan = careful
        var priorities = [Int](repeating: 0, count: n)
        bytes.withUnsafeBufferPointer { line in
            let error = careful.withUnsafeMutableBufferPointer { s in
                priorities.withUnsafeMutableBufferPointer { JSONObjectScanner.scanCarefully(line, matcher: matcher, into: s, priorities: $0) }
            }
            let fast = plain.withUnsafeMutableBufferPointer { s in
                priorities.withUnsafeMutableBufferPointer {
                    JSONObjectScanner.scanPlain(line, matcher: matcher, into: s, priorities: $0, memo: UnsafeMutableBufferPointer(start: nil, count: 0))
                }
            }
            let fastMemo = memoized.withUnsafeMutableBufferPointer { s in
                priorities.withUnsafeMutableBufferPointer { JSONObjectScanner.scanPlain(line, matcher: matcher, into: s, priorities: $0, memo: memo) }
            }
            let scanned = viaScan.withUnsafeMutableBufferPointer { s in
                priorities.withUnsafeMutableBufferPointer { JSONObjectScanner.scan(line, matcher: matcher, into: s, priorities: $0) }
            }
            #expect(fast == fastMemo, "the memo changed the fast verdict: \(context())")
            #expect((scanned == nil) == (error == nil), "scan and the careful path disagree: \(context())")
            if fast {
                #expect(error == nil, "fast path took a line the careful path rejects (\(error?.message ?? "")): \(context())")
                #expect(same(plain, careful), "fast and careful slots differ: \(context())")
                #expect(same(memoized, careful), "memoized and careful slots differ: \(context())")
            }
            if error == nil {
                #expect(same(viaScan, careful), "scan and careful slots differ: \(context())")
                // Every slice lies inside the line, and its text decodes without trapping.
                for slice in careful where slice.kind != .missing {
                    #expect(slice.start >= 0 && Int(slice.start) + Int(slice.count) <= bytes.count, "slice out of bounds: \(context())")
                    _ = slice.text(in: line)
                }
            }
            if isValidUTF8(line) {
                let parsed = try? JSONParser.parse(line)
                let isObject: Bool
                if case .object? = parsed { isObject = true } else { isObject = false }
                #expect(isObject == (error == nil), "JSONParser says \(isObject ? "valid" : "invalid"), the scanner \(error?.message ?? "valid"): \(context())")
            }
        }
    }

    static func same(_ a: [ValueSlice], _ b: [ValueSlice]) -> Bool {
        zip(a, b).allSatisfy { $0.start == $1.start && $0.count == $1.count && $0.kind == $1.kind }
    }

    static func withMemo(_ body: (UnsafeMutableBufferPointer<KeyMemo>) -> Void) {
        let memo = UnsafeMutableBufferPointer<KeyMemo>.allocate(capacity: 16)
        memo.initialize(repeating: KeyMemo())
        defer { memo.deallocate() }
        body(memo)
    }

    @Test("mutated event lines: fast, memoized and careful scans agree")
    func mutatedLines() {
        let seed = Fuzz.seed(0x15_0001), iterations = Fuzz.iterations(20_000)
        var g = SplitMix64(seed: seed)
        Self.withMemo { memo in
            for i in 0..<iterations {
                let base = Self.line(&g)
                let bytes = Int.random(in: 0..<4, using: &g) == 0 ? base : Fuzz.mutate(base, edits: 3, using: &g)
                Self.check(bytes, memo: memo, "seed \(seed) iteration \(i): \(Fuzz.describe(bytes))")
            }
        }
    }

    @Test("the committed corpus replays clean")
    func corpus() throws {
        let corpus = try Fuzz.corpus("json")
        #expect(!corpus.isEmpty)
        Self.withMemo { memo in
            // Twice: the second pass meets a memo the first pass filled.
            for _ in 0..<2 {
                for (name, bytes) in corpus { Self.check(bytes, memo: memo, "corpus/json/\(name)") }
            }
        }
    }
}
