import ABTestSupport
import Foundation
import Testing
@testable import ABEvents

/// NumberParsing against Swift's `Double(String)` (strtod): bit-identical on every number of
/// JSON's grammar (nil where the oracle overflows to infinity), and on garbage never a trap
/// and never a value the oracle reads differently.
@Suite("Fuzz: numbers against Double(String)")
struct NumberParsingFuzzTests {
    /// A number of JSON's grammar, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, with long
    /// mantissas, many leading or trailing zeros and exponents near the limits.
    static func number<G: RandomNumberGenerator>(_ g: inout G) -> String {
        func digits(_ count: Int, leading: Bool) -> String {
            (0..<count).map { k in String(k == 0 && leading ? Int.random(in: 1...9, using: &g) : Int.random(in: 0...9, using: &g)) }.joined()
        }
        var text = Bool.random(using: &g) ? "-" : ""
        text += Int.random(in: 0..<5, using: &g) == 0 ? "0" : digits(Int.random(in: 1...(Bool.random(using: &g) ? 6 : 30), using: &g), leading: true)
        if Bool.random(using: &g) {
            text += "." + (Int.random(in: 0..<4, using: &g) == 0 ? String(repeating: "0", count: Int.random(in: 1...25, using: &g)) : "")
                + digits(Int.random(in: 1...(Bool.random(using: &g) ? 4 : 30), using: &g), leading: false)
        }
        if Bool.random(using: &g) {
            text += ["e", "E"].randomElement(using: &g)! + ["", "+", "-"].randomElement(using: &g)!
            text += String([Int.random(in: 0...22, using: &g), Int.random(in: 280...330, using: &g), Int.random(in: 0...400, using: &g)]
                .randomElement(using: &g)!)
        }
        return text
    }

    static func parse(_ text: [UInt8]) -> Double? { text.withUnsafeBufferPointer { NumberParsing.double($0) } }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.bitPattern == b.bitPattern
    }

    @Test("the JSON number grammar: bit-identical to Double(String)")
    func grammar() {
        let seed = Fuzz.seed(0x15_0005), iterations = Fuzz.iterations(20_000)
        var g = SplitMix64(seed: seed)
        for i in 0..<iterations {
            let text = Self.number(&g)
            let expected = Double(text).flatMap { $0.isFinite ? $0 : nil }
            let got = Self.parse(Array(text.utf8))
            #expect(Self.same(got, expected), "seed \(seed) iteration \(i): \(text) gave \(got.map { "\($0)" } ?? "nil"), Double(String) \(expected.map { "\($0)" } ?? "nil")")
            _ = Array(text.utf8).withUnsafeBufferPointer { NumberParsing.integer($0) }
        }
    }

    @Test("garbage and mutated numbers: no trap, and any value read is Double(String)'s")
    func garbage() {
        let seed = Fuzz.seed(0x15_0006), iterations = Fuzz.iterations(20_000)
        var g = SplitMix64(seed: seed)
        let alphabet = Array("0123456789+-.eE x".utf8) + [0x00, 0xFF]
        for i in 0..<iterations {
            let bytes = Bool.random(using: &g)
                ? (0..<Int.random(in: 0...40, using: &g)).map { _ in alphabet.randomElement(using: &g)! }
                : Fuzz.mutate(Array(Self.number(&g).utf8), edits: 2, using: &g)
            Self.checkGarbage(bytes, "seed \(seed) iteration \(i): \(Fuzz.describe(bytes))")
        }
    }

    static func checkGarbage(_ bytes: [UInt8], _ context: @autoclosure () -> String) {
        guard let got = parse(bytes) else { return }
        #expect(got.isFinite, "a non-finite value: \(context())")
        // The parser trims spaces on both sides; Double(String) reads no spaces.
        let trimmed = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " "))
        if let oracle = Double(trimmed) { #expect(same(got, oracle), "\(got) but Double(String) \(oracle): \(context())") }
        _ = bytes.withUnsafeBufferPointer { NumberParsing.integer($0) }
    }

    @Test("the committed corpus replays clean")
    func corpus() throws {
        let corpus = try Fuzz.corpus("number")
        #expect(!corpus.isEmpty)
        for (name, bytes) in corpus { Self.checkGarbage(bytes, "corpus/number/\(name)") }
    }
}
