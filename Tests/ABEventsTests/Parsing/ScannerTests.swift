import ABTestSupport
import ABAssign
import Foundation
import Testing
@testable import ABEvents

@Suite("JSON and CSV line scanners")
struct ScannerTests {
    let matcher = FieldMatcher(fields: [["user_id", "id"], ["event"], ["value"], ["props"]])

    func scan(_ text: String) -> (slots: [ValueSlice], texts: [String?], error: JSONObjectScanner.SyntaxError?) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { line in
            var slots = [ValueSlice](repeating: .missing, count: matcher.slotCount)
            var priorities = [Int](repeating: 0, count: matcher.slotCount)
            let error = slots.withUnsafeMutableBufferPointer { s in
                priorities.withUnsafeMutableBufferPointer { JSONObjectScanner.scan(line, matcher: matcher, into: s, priorities: $0) }
            }
            return (slots, slots.map { $0.text(in: line) }, error)
        }
    }

    @Test("wanted members are found, others skipped, whatever they hold")
    func members() {
        let r = scan(#"{"skip":{"a":[1,{"b":"}"}],"c":null}, "id":"x", "user_id":"u\"1", "event":"signup","value":-12.5e1,"props":[1,2]}"#)
        #expect(r.error == nil)
        #expect(r.texts[0] == "u\"1")  // user_id is preferred over id whatever the order
        #expect(r.slots[0].kind == .escapedString)
        #expect(r.texts[1] == "signup")
        #expect(r.slots[2].kind == .number && r.texts[2] == "-12.5e1")
        #expect(r.slots[3].kind == .composite)
    }

    @Test("syntax errors are reported with their position", arguments: [
        #"{"user_id":"u1","event":"x""#, #"{"user_id":"u1",}"#, #"{"user_id":01}"#, #"["a"]"#, #"{"a":tru}"#,
        #"{"a":"x"} trailing"#, #"{"a":[1,2}"#, #"{"a":{"b" 1}}"#, "{\"a\":\"tab\there\"}", #"{"a":"\x"}"#, "",
    ])
    func syntaxErrors(line: String) {
        #expect(scan(line).error != nil)
    }

    @Test("valid nested values pass", arguments: [
        #"{}"#, #" { "a" : [ ] , "b" : { } } "#, #"{"a":[[[]]],"b":[{"c":[1,"]"]}]}"#, #"{"a":"\u00e9\n"}"#, #"{"a":-0.5E-3}"#,
    ])
    func validNesting(line: String) {
        #expect(scan(line).error == nil)
    }

    /// Found by the fuzz tests: the scanner allowed 512 levels below the line's object, one more
    /// than JSONParser (which reads an exposure line's targeting attributes) allows in all.
    @Test("nesting: the line's object and 511 levels below it pass, as JSONParser reads them; one more is refused")
    func nestingLimit() throws {
        func line(_ depth: Int) -> String { #"{"id":"u","a":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}" }
        #expect(scan(line(511)).error == nil)
        #expect(try JSONParser.parse(line(511)) != .null)
        let refused = try #require(scan(line(512)).error)
        #expect(refused.message == "nesting deeper than 512 levels")
        #expect(throws: JSONParseError.self) { try JSONParser.parse(line(512)) }
    }

    @Test("CSV fields: quotes, doubled quotes, empty fields and counts")
    func csv() throws {
        let text = #"u1,"a, ""quoted"" b",,3.5,"#
        let bytes = Array(text.utf8)
        var fields: [String?] = []
        let count = try bytes.withUnsafeBufferPointer { line in
            try CSVRowScanner.scan(line) { _, slice in fields.append(slice.text(in: line, quote: UInt8(ascii: ","))) }.get()
        }
        #expect(count == 5)
        #expect(fields == ["u1", #"a, "quoted" b"#, nil, "3.5", nil])
        let bad = Array(#"u1,"open"#.utf8)
        let result = bad.withUnsafeBufferPointer { CSVRowScanner.scan($0) { _, _ in } }
        if case .success = result { Issue.record("an unterminated quote must fail") }
    }

    @Test("numbers parse exactly as Double(String) does")
    func numbers() {
        var generator = SystemRandomNumberGenerator()
        var cases = ["0", "-0", "1", "0.1", "123456789012345678901234", "1e308", "2.2250738585072014e-308", "4.9e-324",
                     "9007199254740993", "0.30000000000000004", "-12.5e1", "1E5", "+3", "  7 "]
        for _ in 0..<2000 {
            cases.append(String(Double.random(in: -1e6...1e6, using: &generator)))
            cases.append(String(Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &generator))))
        }
        for text in cases {
            let parsed = Array(text.utf8).withUnsafeBufferPointer { NumberParsing.double($0) }
            let expected = Double(text.trimmingCharacters(in: .whitespaces))
            #expect(parsed == expected, "\(text)")
        }
        for bad in ["", "-", "1e", "abc", "1,5", "0x10", "nan", "1e999"] {
            #expect(Array(bad.utf8).withUnsafeBufferPointer { NumberParsing.double($0) } == nil, "\(bad)")
        }
    }

    @Test("timestamps: ISO 8601 with offsets and fractions, dates, epoch seconds and milliseconds", arguments: [
        ("2026-11-02T09:30:00Z", Int64(1_793_611_800_000)),
        ("2026-11-02T09:30:00.250Z", 1_793_611_800_250),
        ("2026-11-02 09:30:00", 1_793_611_800_000),
        ("2026-11-02T10:30:00+01:00", 1_793_611_800_000),
        ("2026-11-02T04:30:00-0500", 1_793_611_800_000),
        ("2026-11-02T11:30:00+02", 1_793_611_800_000),
        ("2026-11-02T09:30Z", 1_793_611_800_000),
        ("2026-11-02", 1_793_577_600_000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("1793611800", 1_793_611_800_000),
        ("1793611800250", 1_793_611_800_250),
        ("1793611800.5", 1_793_611_800_500),
    ])
    func timestamps(text: String, expected: Int64) {
        let parsed = Array(text.utf8).withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: false) }
        #expect(parsed == expected)
    }

    @Test("bad timestamps are refused", arguments: [
        "yesterday 2026-11-02T09:30:00Z", "2026-13-02T09:30:00Z", "2026-02-30T09:30:00Z", "2025-02-29", "2026-11-02T24:00:00Z",
        "2026-11-02T09:30:00+25:00", "2026-11-02T09:30:00.Z", "2026/11/02", "", "12:00",
    ])
    func badTimestamps(text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: false) } == nil)
    }

    @Test("timestamps agree with Foundation's ISO 8601 parser on random instants and offsets")
    func timestampsAgainstFoundation() {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let seconds = Int64.random(in: 0..<4_102_444_800, using: &generator)
            let offset = Int.random(in: -12...14, using: &generator) * 3600 + [0, 1800, 2700].randomElement(using: &generator)!
            formatter.timeZone = TimeZone(secondsFromGMT: offset)
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let parsed = Array(text.utf8).withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: false) }
            #expect(parsed == seconds * 1000, "\(text)")
        }
    }

    @Test("a shared day cache gives every time the uncached parser gives, valid or not")
    func dayCache() {
        let texts = [
            "2026-11-02T09:30:00Z", "2026-11-02T23:59:59.999+01:00", "2026-11-02", "2026-11-03T00:00:00Z", "2026-11-02T09:30:00Z",
            "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2024-02-29T25:00:00Z", "2026-11-02T09:3", "2026-11-02x", "1762075800",
            "2026-11-02T09:30:00-05:00", "2026/11/02T09:30:00Z",
        ]
        var cache = TimestampParsing.DayCache()
        for text in texts + texts.reversed() {
            let bytes = Array(text.utf8)
            let cached = bytes.withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: false, cache: &cache) }
            let plain = bytes.withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: false) }
            #expect(cached == plain, "\(text)")
        }
    }

    @Test("remembered keys never change a line's slots or its verdict, whatever the next line's layout")
    func keyMemo() {
        let memoMatcher = FieldMatcher(fields: [["user_id", "id"], ["event"], ["timestamp"], ["a_very_long_field_name"], ["props"]])
        let layouts = [
            #"{"user_id":"u1","event":"signup","timestamp":"2026-11-02T00:00:00Z"}"#,
            #"{"event":"signup","user_id":"u2","timestamp":"2026-11-02T00:00:00Z"}"#,
            #"{"event_id":"e3","user_id":"u3","event":"buy","timestamp":"2026-11-02T00:00:00Z"}"#,
            #"{"user_id":"u4","eventx":"nope","event":"buy","timestamp":"2026-11-02T00:00:00Z"}"#,
            #"{"id":"u5","user_id":"u5b","event":"buy","a_very_long_field_name":3,"timestamp":"2026-11-02T00:00:00Z"}"#,
            #"{"user_id":"u6","event":"caf\#u{E9}","timestamp":"2026-11-02T00:00:00Z"}"#,
            #"{"user_id":"u7","event":"x","props":{"n\#u{E9}":1},"timestamp":"2026-11-02T00:00:00Z"}"#,
            #"{"user_id":"u8","ev\u0065nt":"escaped key","timestamp":"2026-11-02T00:00:00Z"}"#,
            #"{"user_id":"u9","event":"short"}"#,
            #"{"user_id":"u10","event":"bad","timestamp":"2026-11-02T00:00:00Z""#,
            #"{ "user_id" : "u11" , "event" : "spaced" , "timestamp" : 1762041600 }"#,
        ]
        var generator = SplitMix64(seed: 11)
        var memo = [KeyMemo](repeating: KeyMemo(), count: 32)
        for _ in 0..<2_000 {
            let bytes = Array(layouts.randomElement(using: &generator)!.utf8)
            bytes.withUnsafeBufferPointer { line in
                var withMemo = [ValueSlice](repeating: .missing, count: memoMatcher.slotCount)
                var without = withMemo
                var priorities = [Int](repeating: 0, count: memoMatcher.slotCount)
                let failure = withMemo.withUnsafeMutableBufferPointer { slots in
                    priorities.withUnsafeMutableBufferPointer { priorities in
                        memo.withUnsafeMutableBufferPointer { memo in
                            LineScanner.scan(line, format: .jsonl, matcher: memoMatcher, slots: slots, priorities: priorities, memo: memo)
                        }
                    }
                }
                let error = without.withUnsafeMutableBufferPointer { slots in
                    priorities.withUnsafeMutableBufferPointer { JSONObjectScanner.scan(line, matcher: memoMatcher, into: slots, priorities: $0) }
                }
                #expect((failure == nil) == (error == nil), "\(String(decoding: line, as: UTF8.self))")
                if failure == nil {
                    #expect(withMemo.map { $0.text(in: line) } == without.map { $0.text(in: line) })
                    #expect(withMemo.map(\.kind) == without.map(\.kind))
                }
            }
        }
    }
}
