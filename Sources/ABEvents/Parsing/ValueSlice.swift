import ABAssign

/// Where one field's value sits in a line, and what kind of JSON or CSV value it is.
///
/// Slices point into the line buffer and are valid only while that line is.
public struct ValueSlice: Sendable {
    /// The kind of value.
    public enum Kind: UInt8, Sendable {
        /// The field is absent.
        case missing
        /// A JSON string (without its quotes) or an unquoted CSV field.
        case string
        /// A JSON string or quoted CSV field holding escapes; decode before use.
        case escapedString
        /// A JSON number.
        case number
        /// JSON `true`.
        case trueLiteral
        /// JSON `false`.
        case falseLiteral
        /// JSON `null` or an empty CSV field.
        case null
        /// A JSON object or array.
        case composite
    }

    /// Offset of the first byte in the line.
    public var start: Int32
    /// Number of bytes.
    public var count: Int32
    /// The kind.
    public var kind: Kind

    /// An absent field.
    public static let missing = ValueSlice(start: 0, count: 0, kind: .missing)

    /// Whether the field holds something other than null or nothing.
    public var isPresent: Bool { kind != .missing && kind != .null }

    /// The raw bytes of the value.
    @inlinable
    public func bytes(in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[Int(start)..<Int(start + count)])
    }

    /// The value as text: strings decoded, numbers and literals as written; nil for objects and arrays.
    public func text(in line: UnsafeBufferPointer<UInt8>, quote: UInt8 = UInt8(ascii: "\"")) -> String? {
        switch kind {
        case .missing, .null, .composite: return nil
        case .string, .number, .trueLiteral, .falseLiteral: return String(decoding: bytes(in: line), as: UTF8.self)
        case .escapedString: return quote == UInt8(ascii: "\"") ? decodeJSONString(line) : decodeCSVQuoted(line)
        }
    }

    private func decodeJSONString(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        // The slice excludes the quotes; JSONParser wants them.
        let quoted = UnsafeBufferPointer(rebasing: line[Int(start) - 1..<Int(start + count) + 1])
        if case .string(let s)? = try? JSONParser.parse(quoted) { return s }
        return nil
    }

    private func decodeCSVQuoted(_ line: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(Int(count))
        var i = Int(start)
        let upper = Int(start + count)
        while i < upper {
            out.append(line[i])
            // A doubled quote stands for one.
            i += (line[i] == UInt8(ascii: "\"") && i + 1 < upper && line[i + 1] == UInt8(ascii: "\"")) ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
