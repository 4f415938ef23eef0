import Foundation

/// Helpers shared by the test targets (not a product).

/// SplitMix64: a tiny, fixed-seed generator, so every fuzz run is reproducible from its seed
/// (the system generator is seeded differently per process).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// A generator that starts at `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How long the seeded property tests run. CI runs the defaults (each target well under 3 s in
/// a debug build); `ABKIT_FUZZ_ITERATIONS=200000 swift test --filter Fuzz` runs longer by hand,
/// and `ABKIT_FUZZ_SEED` starts elsewhere. A failure message names the seed and iteration.
public enum Fuzz {
    /// The iterations to run: the environment's count when set, else `ci`.
    public static func iterations(_ ci: Int) -> Int {
        ProcessInfo.processInfo.environment["ABKIT_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(1, $0) } ?? ci
    }

    /// The seed: the environment's when set, else a fixed one per target.
    public static func seed(_ fixed: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["ABKIT_FUZZ_SEED"].flatMap { UInt64($0) } ?? fixed
    }

    /// The committed regression inputs under the calling test target's Fixtures/corpus/`kind`,
    /// as raw bytes, by file name (found by walking up from the calling file).
    public static func corpus(_ kind: String, caller: String = #filePath) throws -> [(name: String, bytes: [UInt8])] {
        var root = URL(fileURLWithPath: caller).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Fixtures/corpus").path), root.pathComponents.count > 1 {
            root.deleteLastPathComponent()
        }
        let directory = root.appendingPathComponent("Fixtures/corpus").appendingPathComponent(kind)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, Array(try Data(contentsOf: directory.appendingPathComponent($0)))) }
    }

    /// Bytes with up to `edits` random edits a hand-written parser tends to trip on: flipped
    /// bits, truncation, deleted or duplicated runs, inserted quotes, backslashes, escapes,
    /// brackets, non-ASCII and invalid UTF-8.
    public static func mutate<G: RandomNumberGenerator>(_ input: [UInt8], edits: Int, using g: inout G) -> [UInt8] {
        var bytes = input
        let insertions: [[UInt8]] = [
            [0x22], [0x5C], [0x5C, 0x22], Array(#"\u00e9"#.utf8), Array(#"\u12"#.utf8), Array(#"\uD83D"#.utf8), [0x7B], [0x7D],
            [0x5B], [0x5D], [0x2C], [0x3A], [0x00], [0x09], [0x0A], [0x0D], [0x20], [0xC3, 0xA9], [0xC3], [0xFF], [0xE2, 0x82],
            [0xF0, 0x9F, 0x98, 0x80], Array("null".utf8), Array("-0.5e-3".utf8), Array("1e400".utf8), Array(#"{"a":[1,{"b":2}]}"#.utf8),
        ]
        let limits = [
            "0", "1", "2", "0.5", "1e400", "1e19", "5e18", "9223372036854775807", "9223372036854775808", "4611686018427387904",
            "18446744073709551616", "1e-320", "100000000", "1e308", "0.999999999999", "1000000000000000000000",
        ]
        for _ in 0..<Int.random(in: 1...max(1, edits), using: &g) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &g)
            switch Int.random(in: 0..<7, using: &g) {
            case 0 where !bytes.isEmpty:
                let i = Int.random(in: 0..<bytes.count, using: &g)
                bytes[i] ^= 1 << UInt8.random(in: 0..<8, using: &g)
            case 1 where !bytes.isEmpty:
                bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &g)...)
            case 2 where at < bytes.count:
                bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &g)))
            case 3 where at < bytes.count:
                let run = Array(bytes[at..<min(bytes.count, at + Int.random(in: 1...16, using: &g))])
                bytes.insert(contentsOf: run, at: Int.random(in: 0...bytes.count, using: &g))
            case 5 where at < bytes.count && (0x30...0x39).contains(bytes[at]):
                // A number swapped for one at a limit: where bounds checks (or their absence) show.
                var end = at
                while end < bytes.count, (0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2E || bytes[end] == 0x65 { end += 1 }
                bytes.replaceSubrange(at..<end, with: Array(limits.randomElement(using: &g)!.utf8))
            default:
                bytes.insert(contentsOf: insertions.randomElement(using: &g)!, at: at)
            }
        }
        return bytes
    }

    /// Calls `body` with `iterations` mutations (up to `edits` each) of inputs drawn from
    /// `inputs`, and a context naming the seed, the iteration and the bytes for failure messages.
    public static func forEachMutation(
        of inputs: [[UInt8]], edits: Int, seed fixed: UInt64, iterations ci: Int, _ body: ([UInt8], String) throws -> Void
    ) rethrows {
        let seed = seed(fixed), iterations = iterations(ci)
        var g = SplitMix64(seed: seed)
        for i in 0..<iterations {
            let bytes = mutate(inputs.randomElement(using: &g)!, edits: edits, using: &g)
            try body(bytes, "seed \(seed) iteration \(i): \(describe(bytes))")
        }
    }

    /// A readable form of `bytes` for failure messages (invalid UTF-8 as \xNN).
    public static func describe(_ bytes: [UInt8]) -> String {
        bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
    }
}
