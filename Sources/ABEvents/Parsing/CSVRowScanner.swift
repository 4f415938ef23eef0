/// Splits one CSV line (RFC 4180: comma separated, fields optionally in double quotes, doubled
/// quotes inside) into field slices, without allocating.
///
/// Quoted fields that span lines are not supported: a line is a record, which is what event
/// exports produce and what makes per-line rejects possible.
public enum CSVRowScanner {
    /// Why a line is not a CSV record.
    public struct SyntaxError: Error, Sendable {
        /// Byte offset of the problem.
        public var offset: Int
        /// What was wrong.
        public var message: String
    }

    /// Calls `field(index, slice)` for each field of `line`; returns the number of fields.
    public static func scan(
        _ line: UnsafeBufferPointer<UInt8>, separator: UInt8 = UInt8(ascii: ","),
        field: (Int, ValueSlice) -> Void
    ) -> Result<Int, SyntaxError> {
        var index = 0
        var column = 0
        let quote = UInt8(ascii: "\"")
        while true {
            if index < line.count, line[index] == quote {
                let start = index + 1
                var i = start
                var escaped = false
                while true {
                    guard i < line.count else {
                        return .failure(SyntaxError(offset: start - 1, message: "unterminated quoted field in column \(column + 1)"))
                    }
                    if line[i] == quote {
                        if i + 1 < line.count, line[i + 1] == quote { escaped = true; i += 2; continue }
                        break
                    }
                    i += 1
                }
                field(column, ValueSlice(start: Int32(start), count: Int32(i - start), kind: escaped ? .escapedString : .string))
                index = i + 1
                if index < line.count, line[index] != separator {
                    return .failure(SyntaxError(offset: index, message: "unexpected text after the closing quote in column \(column + 1)"))
                }
            } else {
                let start = index
                while index < line.count, line[index] != separator { index += 1 }
                let kind: ValueSlice.Kind = index == start ? .null : .string
                field(column, ValueSlice(start: Int32(start), count: Int32(index - start), kind: kind))
            }
            column += 1
            if index >= line.count { return .success(column) }
            index += 1  // the separator
            if index == line.count {
                field(column, ValueSlice(start: Int32(index), count: 0, kind: .null))
                return .success(column + 1)
            }
        }
    }
}
