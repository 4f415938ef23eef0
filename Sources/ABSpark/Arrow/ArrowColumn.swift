/// One column of an Arrow record batch, as the values ABKit reads (nil: null).
enum ArrowColumn: Equatable {
    /// Signed integers of any width.
    case integer([Int64?])
    /// 32- or 64-bit floating point.
    case double([Double?])
    /// UTF-8 text.
    case text([String?])
    /// Booleans.
    case boolean([Bool?])
    /// A column of the Null type: every value null.
    case null(count: Int)

    /// How many values the column holds.
    var count: Int {
        switch self {
        case let .integer(values): values.count
        case let .double(values): values.count
        case let .text(values): values.count
        case let .boolean(values): values.count
        case let .null(count): count
        }
    }

    /// Appends another batch's values of the same column.
    mutating func append(_ other: ArrowColumn) throws(ArrowError) {
        switch (self, other) {
        case let (.integer(a), .integer(b)): self = .integer(a + b)
        case let (.double(a), .double(b)): self = .double(a + b)
        case let (.text(a), .text(b)): self = .text(a + b)
        case let (.boolean(a), .boolean(b)): self = .boolean(a + b)
        case let (.null(a), .null(b)): self = .null(count: a + b)
        case (.integer, _), (.double, _), (.text, _), (.boolean, _), (.null, _):
            throw ArrowError("a column changed type between record batches")
        }
    }
}
