/// Rows of the load format (``EventLoadReader``: PostgreSQL COPY's text format — fields separated
/// by tabs, rows by newlines, `\N` for NULL, backslash escapes) as field values, for engines
/// that insert rows themselves.
enum LoadRows {
    /// The rows of `chunk` (whole rows), each with `columns` fields.
    static func parse(_ chunk: [UInt8], columns: Int) throws -> [[String?]] {
        var rows: [[String?]] = []
        var row: [String?] = []
        var field: [UInt8] = []
        var isNull = false
        var i = 0
        func endField() {
            row.append(isNull ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            isNull = false
        }
        while i < chunk.count {
            let byte = chunk[i]
            switch byte {
            case 0x09:
                endField()
            case 0x0A:
                endField()
                guard row.count == columns else { throw WarehouseLoadError(expected: columns, got: row.count, row: rows.count + 1) }
                rows.append(row)
                row.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\\") where i + 1 < chunk.count:
                i += 1
                switch chunk[i] {
                case UInt8(ascii: "N") where field.isEmpty: isNull = true
                case UInt8(ascii: "t"): field.append(0x09)
                case UInt8(ascii: "n"): field.append(0x0A)
                case UInt8(ascii: "r"): field.append(0x0D)
                case let other: field.append(other)
                }
            default:
                field.append(byte)
            }
            i += 1
        }
        return rows
    }
}

/// A load row with the wrong number of fields: the reader and the engine disagree.
struct WarehouseLoadError: Error, CustomStringConvertible {
    var expected: Int
    var got: Int
    var row: Int
    var description: String { "load row \(row) has \(got) fields, expected \(expected)" }
}
