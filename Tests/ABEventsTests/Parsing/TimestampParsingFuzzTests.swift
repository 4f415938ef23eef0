import ABTestSupport
import Foundation
import Testing
@testable import ABEvents

/// TimestampParsing against Foundation's ISO8601DateFormatter on generated valid date-times
/// (every separator, fraction and offset form the parser documents), and on garbage and
/// mutated timestamps: never a trap, and the day cache never changes a result.
@Suite("Fuzz: timestamps against ISO8601DateFormatter")
struct TimestampParsingFuzzTests {
    /// A valid timestamp in one of the accepted forms, and the milliseconds it means, computed
    /// by Foundation from the same fields written in the formatter's one canonical form.
    static func valid<G: RandomNumberGenerator>(_ g: inout G, formatter: ISO8601DateFormatter) -> (text: String, milliseconds: Int64) {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = [1970, 1999, 2000, 2024, 2026, 2100, Int.random(in: 1900...2200, using: &g)].randomElement(using: &g)!
        let month = Int.random(in: 1...12, using: &g)
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        let day = Bool.random(using: &g) ? days : Int.random(in: 1...days, using: &g)
        let date = "\(year)-\(two(month))-\(two(day))"
        if Int.random(in: 0..<8, using: &g) == 0 {
            let canonical = formatter.date(from: date + "T00:00:00Z")!
            return (date, Int64((canonical.timeIntervalSince1970 * 1000).rounded()))
        }
        let hour = Int.random(in: 0..<24, using: &g), minute = Int.random(in: 0..<60, using: &g), second = Int.random(in: 0..<60, using: &g)
        var text = date + ["T", "t", " "].randomElement(using: &g)! + "\(two(hour)):\(two(minute))"
        let withSeconds = Int.random(in: 0..<6, using: &g) != 0
        var milliseconds = 0
        if withSeconds {
            text += ":\(two(second))"
            if Bool.random(using: &g) {
                let digits = (0..<Int.random(in: 1...9, using: &g)).map { _ in Int.random(in: 0...9, using: &g) }
                text += [".", ","].randomElement(using: &g)! + digits.map(String.init).joined()
                // Digits past the third are truncated, not rounded.
                milliseconds = zip(digits.prefix(3), [100, 10, 1]).reduce(0) { $0 + $1.0 * $1.1 }
            }
        }
        let offsetHours = Int.random(in: 0...23, using: &g), offsetMinutes = [0, 30, 45, Int.random(in: 0..<60, using: &g)].randomElement(using: &g)!
        let sign = Bool.random(using: &g) ? "+" : "-"
        let canonicalOffset: String
        switch Int.random(in: 0..<6, using: &g) {
        case 0: canonicalOffset = "Z"
        case 1: text += "Z"; canonicalOffset = "Z"
        case 2: text += "z"; canonicalOffset = "Z"
        case 3: text += "\(sign)\(two(offsetHours)):\(two(offsetMinutes))"; canonicalOffset = "\(sign)\(two(offsetHours)):\(two(offsetMinutes))"
        case 4: text += "\(sign)\(two(offsetHours))\(two(offsetMinutes))"; canonicalOffset = "\(sign)\(two(offsetHours)):\(two(offsetMinutes))"
        default: text += "\(sign)\(two(offsetHours))"; canonicalOffset = "\(sign)\(two(offsetHours)):00"
        }
        let canonical = "\(date)T\(two(hour)):\(two(minute)):\(two(withSeconds ? second : 0))\(canonicalOffset)"
        let parsed = formatter.date(from: canonical)!
        return (text, Int64((parsed.timeIntervalSince1970 * 1000).rounded()) + Int64(milliseconds))
    }

    static func parse(_ bytes: [UInt8], cache: inout TimestampParsing.DayCache) -> (cached: Int64?, fresh: Int64?) {
        bytes.withUnsafeBufferPointer { b in
            (TimestampParsing.milliseconds(b, isNumber: false, cache: &cache), TimestampParsing.milliseconds(b, isNumber: false))
        }
    }

    @Test("valid date-times equal the formatter's; mutated ones never trap, cached or not")
    func timestamps() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        let seed = Fuzz.seed(0x15_0003), iterations = Fuzz.iterations(20_000)
        var g = SplitMix64(seed: seed)
        var cache = TimestampParsing.DayCache()
        for i in 0..<iterations {
            let (text, expected) = Self.valid(&g, formatter: formatter)
            let (cached, fresh) = Self.parse(Array(text.utf8), cache: &cache)
            #expect(fresh == expected, "seed \(seed) iteration \(i): \(text) gave \(fresh.map(String.init) ?? "nil"), expected \(expected)")
            #expect(cached == fresh, "the day cache changed \(text)")
            let mutated = Fuzz.mutate(Array(text.utf8), edits: 2, using: &g)
            let (mutatedCached, mutatedFresh) = Self.parse(mutated, cache: &cache)
            #expect(mutatedCached == mutatedFresh, "seed \(seed) iteration \(i): the day cache changed \(Fuzz.describe(mutated))")
            // Epoch numbers: seconds below 1e11, milliseconds from there.
            let epoch = Int64.random(in: -9_000_000_000_000...9_000_000_000_000, using: &g) / [1, 1000].randomElement(using: &g)!
            let epochMilliseconds = Array(String(epoch).utf8).withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: true) }
            #expect(epochMilliseconds == (abs(epoch) >= 100_000_000_000 ? epoch : epoch * 1000), "epoch \(epoch)")
        }
    }

    @Test("random bytes never trap")
    func garbage() {
        let seed = Fuzz.seed(0x15_0004), iterations = Fuzz.iterations(20_000)
        var g = SplitMix64(seed: seed)
        var cache = TimestampParsing.DayCache()
        let alphabet = Array("0123456789-:+TtZz .,e".utf8) + [0x00, 0xFF, 0xC3]
        for i in 0..<iterations {
            let bytes = (0..<Int.random(in: 0...32, using: &g)).map { _ in alphabet.randomElement(using: &g)! }
            let (cached, fresh) = Self.parse(bytes, cache: &cache)
            #expect(cached == fresh, "seed \(seed) iteration \(i): \(Fuzz.describe(bytes))")
            _ = bytes.withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: true) }
        }
    }

    @Test("the committed corpus replays clean")
    func corpus() throws {
        let corpus = try Fuzz.corpus("timestamp")
        #expect(!corpus.isEmpty)
        var cache = TimestampParsing.DayCache()
        for (name, bytes) in corpus {
            let (cached, fresh) = Self.parse(bytes, cache: &cache)
            #expect(cached == fresh, "corpus/timestamp/\(name)")
            _ = bytes.withUnsafeBufferPointer { TimestampParsing.milliseconds($0, isNumber: true) }
        }
    }
}
