import ABTestSupport
import Foundation
import Testing
@testable import ABEvents

/// CSVRowScanner against a character-at-a-time state machine written from RFC 4180 (one line,
/// one record): the same verdict, field count, kinds and decoded texts, on generated and mutated rows.
@Suite("Fuzz: CSV rows against an RFC 4180 state machine")
struct CSVRowScannerFuzzTests {
    enum Field: Equatable {
        case empty
        case plain([UInt8])
        case quoted([UInt8], escaped: Bool)
    }

    /// The reference: nil when the line is not one record.
    static func reference(_ line: [UInt8]) -> [Field]? {
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterQuoted }
        var fields: [Field] = [], current: [UInt8] = [], escaped = false, state = State.fieldStart
        func end(_ field: Field) { fields.append(field); current = []; escaped = false }
        for b in line {
            switch state {
            case .fieldStart:
                if b == 0x2C { end(.empty) } else if b == 0x22 { state = .quoted } else { current.append(b); state = .unquoted }
            case .unquoted:
                if b == 0x2C { end(.plain(current)); state = .fieldStart } else { current.append(b) }
            case .quoted:
                if b == 0x22 { state = .quoteInQuoted } else { current.append(b) }
            case .quoteInQuoted:
                if b == 0x22 { current.append(0x22); escaped = true; state = .quoted }
                else if b == 0x2C { end(.quoted(current, escaped: escaped)); state = .fieldStart }
                else { return nil }
            case .afterQuoted:
                return nil
            }
        }
        switch state {
        case .fieldStart: end(.empty)
        case .unquoted: end(.plain(current))
        case .quoted: return nil
        case .quoteInQuoted: end(.quoted(current, escaped: escaped))
        case .afterQuoted: return nil
        }
        return fields
    }

    static func check(_ bytes: [UInt8], _ context: @autoclosure () -> String) {
        var fields: [Field] = []
        let result = bytes.withUnsafeBufferPointer { line in
            CSVRowScanner.scan(line) { column, slice in
                #expect(column == fields.count, "columns out of order: \(context())")
                let raw = Array(slice.bytes(in: line))
                switch slice.kind {
                case .null: fields.append(.empty)
                case .string: fields.append(bytes.indices.contains(Int(slice.start) - 1) && bytes[Int(slice.start) - 1] == 0x22
                    && Int(slice.start + slice.count) < bytes.count && bytes[Int(slice.start + slice.count)] == 0x22
                    ? .quoted(raw, escaped: false) : .plain(raw))
                case .escapedString:
                    // The decoded text: doubled quotes become one.
                    fields.append(.quoted(Array(slice.text(in: line, quote: UInt8(ascii: ","))!.utf8), escaped: true))
                case .missing, .number, .trueLiteral, .falseLiteral, .composite:
                    Issue.record("a CSV field of kind \(slice.kind): \(context())")
                }
            }
        }
        let expected = reference(bytes)
        switch result {
        case .success(let count):
            #expect(count == fields.count, "count \(count) for \(fields.count) fields: \(context())")
            // Decoding goes through String, which repairs invalid UTF-8; compare on valid lines only.
            if String(validating: bytes, as: UTF8.self) != nil {
                #expect(expected == fields, "fields differ from the reference: \(context())")
            } else {
                #expect(expected?.count == fields.count, "field count differs from the reference: \(context())")
            }
        case .failure(let error):
            #expect(expected == nil, "rejected (\(error.message)) a row the reference reads: \(context())")
            #expect(error.offset >= 0 && error.offset <= bytes.count, "error offset outside the line: \(context())")
        }
    }

    static func row<G: RandomNumberGenerator>(_ g: inout G) -> [UInt8] {
        let pieces = ["u1", "signup", "2026-11-02T09:30:00Z", "12.5", "", #""quoted""#, #""a, ""b"" c""#, #""""#, #""""""#,
                      "caf\u{e9}", #""multi "" quotes ""x""""#, "x y", #""open"#, #"a"b"#]
        return Array((0..<Int.random(in: 1...6, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined(separator: ",").utf8)
    }

    @Test("generated and mutated rows")
    func rows() {
        let seed = Fuzz.seed(0x15_0002), iterations = Fuzz.iterations(20_000)
        var g = SplitMix64(seed: seed)
        for i in 0..<iterations {
            let base = Self.row(&g)
            let bytes = Int.random(in: 0..<3, using: &g) == 0 ? base : Fuzz.mutate(base, edits: 3, using: &g)
            Self.check(bytes, "seed \(seed) iteration \(i): \(Fuzz.describe(bytes))")
        }
    }

    @Test("the committed corpus replays clean")
    func corpus() throws {
        let corpus = try Fuzz.corpus("csv")
        #expect(!corpus.isEmpty)
        for (name, bytes) in corpus { Self.check(bytes, "corpus/csv/\(name)") }
    }
}
