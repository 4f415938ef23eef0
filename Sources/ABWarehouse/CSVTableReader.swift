import ABEvents

/// Reads a CSV file with a header (such as `abkit assign --format csv`'s assignments) into rows of
/// COPY's text format, one text column per header name; empty fields become NULL. Lines that are
/// not CSV records, or have another number of fields than the header, are rejected and counted.
public final class CSVTableReader {
    /// The header's column names (empty until the header is read).
    public private(set) var columns: [String] = []
    /// Where every line went.
    public private(set) var accounting = CollectionAccounting()
    private var reader: ABEvents.LineReader
    private let name: String
    private let rejects: RejectWriter
    private var out: [UInt8] = []

    /// Reads `source`.
    /// Lines longer than this are rejected (the header: the load stops).
    static let maximumLineBytes = 1 << 20

    public init(source: ByteSource, rejects: RejectWriter) {
        name = source.name
        reader = ABEvents.LineReader(source: source, maximumLineBytes: Self.maximumLineBytes)
        self.rejects = rejects
    }

    /// Reads the header; nil when the file has none. Throws, naming the file and line, when the
    /// header cannot name the table's columns (not UTF-8, not CSV, an empty or repeated name), so
    /// the load stops before the database sees it.
    public func readHeader() throws(CollectorError) -> [String]? {
        while let line = reader.next() {
            let number = reader.lineNumber
            guard case let .text(text) = line else {
                let length = if case let .tooLong(line) = line { line.length } else { 0 }
                throw .badInput(path: name, line: number, field: nil, message: "the header is too long: "
                    + LineReader.tooLongDetail(length: length, maximumLineBytes: Self.maximumLineBytes))
            }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard String(validating: text, as: UTF8.self) != nil else {
                throw .badInput(path: name, line: number, field: nil, message: "the header is not valid UTF-8")
            }
            var names: [String] = []
            let scanned = CSVRowScanner.scan(text) { _, slice in names.append(slice.text(in: text, quote: UInt8(ascii: ",")) ?? "") }
            if case .failure(let error) = scanned {
                throw .badInput(path: name, line: number, field: nil, message: "the header is not a CSV record: \(error.message) at byte \(error.offset + 1)")
            }
            if let index = names.firstIndex(of: "") {
                throw .badInput(path: name, line: number, field: nil, message: "column \(index + 1) of the header has no name; expected a column name such as id")
            }
            if let repeated = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element {
                throw .badInput(path: name, line: number, field: repeated, message: "the header names this column twice; expected each column once")
            }
            columns = names
            return names
        }
        return nil
    }

    /// The next rows, at least `bytes` of them unless the file ends; nil at the end.
    public func next(bytes: Int = 1 << 20) -> [UInt8]? {
        out.removeAll(keepingCapacity: true)
        while out.count < bytes, let line = reader.next() {
            accounting.linesRead += 1
            let number = reader.lineNumber
            guard case let .text(text) = line else {
                if case let .tooLong(line) = line { reject(number, .lineTooLong, LineReader.tooLongDetail(length: line.length, maximumLineBytes: Self.maximumLineBytes), .overlong(line)) }
                continue
            }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { reject(number, .emptyLine, "the line is empty", .bytes(text)); continue }
            // Rejected here with its line number; PostgreSQL would fail the whole COPY instead.
            guard String(validating: text, as: UTF8.self) != nil else { reject(number, .invalidUTF8, "the line is not valid UTF-8", .bytes(text)); continue }
            var fields: [String?] = []
            switch CSVRowScanner.scan(text, field: { _, slice in fields.append(slice.text(in: text, quote: UInt8(ascii: ","))) }) {
            case .failure(let error): reject(number, .invalidCSV, "\(error.message) at byte \(error.offset + 1)", .bytes(text))
            case .success(let count) where count != columns.count:
                reject(number, .wrongFieldCount, "expected \(columns.count) fields as in the header, got \(count)", .bytes(text))
            case .success:
                accounting.accepted += 1
                for (i, field) in fields.enumerated() {
                    if let field { EventLoadReader.copyField(field, into: &out, last: i == fields.count - 1) } else {
                        out += Array("\\N".utf8)
                        out.append(i == fields.count - 1 ? 0x0A : 0x09)
                    }
                }
            }
        }
        rejects.flush()
        return out.isEmpty ? nil : out
    }

    private func reject(_ number: Int, _ reason: RejectReason, _ detail: String, _ raw: RejectedBytes) {
        accounting.rejectedByReason[reason, default: 0] += 1
        rejects.reject(file: name, line: number, reason: reason, field: nil, detail: detail, raw: raw)
    }
}
