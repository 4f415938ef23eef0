#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers from bytes, correctly rounded, without making strings.
public enum NumberParsing {
    private static let exactPowers: [Double] = (0...22).map { pow(10, Double($0)) }

    /// The number in `bytes` (JSON or plain decimal syntax, surrounding spaces allowed), or nil.
    public static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        guard lower < upper else { return nil }
        var i = lower
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { negative = bytes[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawDigit = false
        while i < upper, isDigit(bytes[i]) {
            sawDigit = true
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30); if mantissa > 0 { digits += 1 } } else { scale += 1 }
            i += 1
        }
        if i < upper, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < upper, isDigit(bytes[i]) {
                sawDigit = true
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30); if mantissa > 0 { digits += 1 }; scale -= 1 }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if i < upper, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var negativeExponent = false
            if i < upper, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                negativeExponent = bytes[i] == UInt8(ascii: "-"); i += 1
            }
            guard i < upper, isDigit(bytes[i]) else { return nil }
            while i < upper, isDigit(bytes[i]) { if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] &- 0x30) }; i += 1 }
            if negativeExponent { exponent = -exponent }
        }
        guard i == upper else { return nil }
        let power = scale + exponent
        // Exact when the mantissa fits in 53 bits and 10^|power| is exact (Clinger's fast path).
        if mantissa < (1 << 53), abs(power) <= 22 {
            let m = Double(mantissa)
            let value = power >= 0 ? m * exactPowers[power] : m / exactPowers[-power]
            return negative ? -value : value
        }
        return slowPath(UnsafeBufferPointer(rebasing: bytes[lower..<upper]))
    }

    /// strtod on a NUL-terminated copy, for long or extreme numbers.
    private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var copy = [CChar](repeating: 0, count: bytes.count + 1)
        for i in 0..<bytes.count { copy[i] = CChar(bitPattern: bytes[i]) }
        return copy.withUnsafeBufferPointer { p -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(p.baseAddress!, &end)
            guard let end, p.baseAddress!.distance(to: end) == bytes.count, value.isFinite else { return nil }
            return value
        }
    }

    /// A whole number in `bytes`, or nil.
    public static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let value = double(bytes), value == value.rounded(), abs(value) < 9.0e15 else { return nil }
        return Int64(value)
    }
}
