import Foundation

/// Rewrites the `variants[].weight` numbers of an experiment file in place, leaving every other
/// byte (order, spacing, comments-free formatting, other fields) exactly as written.
package enum ExperimentWeightPatcher {
    /// Replaces each variant's weight with `weights[i]` (decimal text), in variant order.
    package static func patch(_ data: Data, weights: [String], path: String) throws -> Data {
        let bytes = [UInt8](data)
        var scanner = Scanner(bytes: bytes)
        do {
            try scanner.value(path: [])
            scanner.skipSpace()
            guard scanner.index == bytes.count else { throw ScanError.unexpected(scanner.index) }
        } catch let ScanError.unexpected(offset) {
            throw ABKitError.badData(path: path, location: "byte \(offset)", message: "is not valid JSON; cannot write weights")
        }
        guard scanner.variantCount == weights.count else {
            throw ABKitError.badData(
                path: path, location: "variants",
                message: "has \(scanner.variantCount) variants, but \(weights.count) weights were computed")
        }
        let missing = (0..<weights.count).filter { scanner.weightRanges[$0] == nil }
        guard missing.isEmpty else {
            throw ABKitError.badData(path: path, location: "variants[\(missing[0])].weight", message: "is missing or not a number")
        }
        var output = bytes
        // Replace from the end so earlier offsets stay valid.
        for (index, range) in scanner.weightRanges.sorted(by: { $0.value.lowerBound > $1.value.lowerBound }) {
            output.replaceSubrange(range, with: Array(weights[index].utf8))
        }
        return Data(output)
    }

    private enum ScanError: Error { case unexpected(Int) }

    /// A minimal JSON scanner that records where `variants[i].weight` numbers sit.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var weightRanges: [Int: Range<Int>] = [:]
        var variantCount = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { throw ScanError.unexpected(index) }
            index += 1
        }

        /// Reads a string and returns its raw contents (escapes kept as written).
        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { throw ScanError.unexpected(index) }
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func value(path: [String]) throws {
            skipSpace()
            guard index < bytes.count else { throw ScanError.unexpected(index) }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
                while true {
                    let key = try string()
                    try expect(UInt8(ascii: ":"))
                    try value(path: path + [key])
                    skipSpace()
                    guard index < bytes.count else { throw ScanError.unexpected(index) }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "}"))
                    return
                }
            case UInt8(ascii: "["):
                index += 1
                skipSpace()
                var element = 0
                if path == ["variants"] { variantCount = 0 }
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
                while true {
                    try value(path: path + ["\(element)"])
                    element += 1
                    if path == ["variants"] { variantCount = element }
                    skipSpace()
                    guard index < bytes.count else { throw ScanError.unexpected(index) }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return
                }
            case UInt8(ascii: "\""):
                _ = try string()
            default:
                let start = index
                while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
                guard index > start else { throw ScanError.unexpected(index) }
                let token = String(decoding: bytes[start..<index], as: UTF8.self)
                let isNumber = Double(token) != nil
                guard isNumber || ["true", "false", "null"].contains(token) else { throw ScanError.unexpected(start) }
                if isNumber, path.count == 3, path[0] == "variants", path[2] == "weight", let i = Int(path[1]) {
                    weightRanges[i] = start..<index
                }
            }
        }
    }
}
