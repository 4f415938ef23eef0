import ABAssign

/// Fills field slots from one JSONL or CSV line, whichever the input's first line showed.
///
/// Shared by the event collector and the user-table collector so both accept and reject lines
/// by the same rules (blank lines, invalid UTF-8, JSON syntax, CSV quoting and field counts).
struct LineScanner {
    enum Format {
        case jsonl
        /// CSV with the slot (and name priority) of each header column.
        case csv(slotOfColumn: [Int], priorityOfColumn: [Int], names: [String])
    }

    let matcher: FieldMatcher
    private(set) var format: Format?
    private var slots: [ValueSlice]
    private var priorities: [Int]

    init(matcher: FieldMatcher) {
        self.matcher = matcher
        slots = [ValueSlice](repeating: .missing, count: matcher.slotCount)
        priorities = [Int](repeating: 0, count: matcher.slotCount)
    }

    /// The byte CSV decoding uses in ``ValueSlice/text(in:quote:)``: `"` for JSON, `,` for CSV.
    var quote: UInt8 { format.map(Self.quote) ?? UInt8(ascii: "\"") }

    /// The quote byte of `format`.
    static func quote(_ format: Format) -> UInt8 {
        if case .csv = format { return UInt8(ascii: ",") }
        return UInt8(ascii: "\"")
    }

    /// The CSV header's column names, if the input is CSV.
    var csvColumns: [String]? {
        if case let .csv(_, _, names)? = format { return names }
        return nil
    }

    /// Settles the format on `line` when it is the first non-blank line (JSONL when it starts
    /// with `{`, else a CSV header); returns true when it was a CSV header. Blank lines, and any
    /// line once the format is settled, change nothing.
    mutating func settleFormat(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard format == nil, !isBlank(line) else { return false }
        if firstNonSpace(line) == UInt8(ascii: "{") {
            format = .jsonl
            return false
        }
        var slots: [Int] = []
        var priorities: [Int] = []
        var names: [String] = []
        _ = CSVRowScanner.scan(line) { _, slice in
            let name = slice.text(in: line, quote: UInt8(ascii: ",")) ?? ""
            var copy = name
            let found = copy.withUTF8 { matcher.match($0) }
            slots.append(found?.slot ?? -1)
            priorities.append(found?.priority ?? Int.max)
            names.append(name)
        }
        format = .csv(slotOfColumn: slots, priorityOfColumn: priorities, names: names)
        return true
    }

    /// Why a CSV header with column `names` cannot serve: the first required column (what it
    /// holds, and the names that may spell it) that no column has; nil when every one is there.
    static func headerProblem(_ names: [String], required: [(what: String, candidates: [String])]) -> (field: String?, message: String)? {
        for (what, candidates) in required where !candidates.contains(where: names.contains) {
            return (candidates.first, "the header has no \(what) column (expected \(candidates.map { "'\($0)'" }.joined(separator: " or "))); "
                + "it has \(names.joined(separator: ", ")). Name yours in the experiment file's source.fields")
        }
        return nil
    }

    /// Scans `line`; calls `body` with the filled slots, or returns why the line is rejected.
    mutating func scan(
        _ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeMutableBufferPointer<ValueSlice>) -> Void
    ) -> (reason: RejectReason, detail: String)? {
        let format = self.format
        let matcher = self.matcher
        return slots.withUnsafeMutableBufferPointer { slots in
            priorities.withUnsafeMutableBufferPointer { priorities in
                let failure = Self.scan(
                    line, format: format, matcher: matcher, slots: slots, priorities: priorities,
                    memo: UnsafeMutableBufferPointer(start: nil, count: 0))
                if failure == nil { body(slots) }
                return failure
            }
        }
    }

    /// Scans `line` in `format` into `slots` (one per matcher slot), or returns why the line is
    /// rejected: blank, then invalid UTF-8, then a syntax error, in that order of precedence, so
    /// `format` may be nil until a line that needs it arrives. `memo` (one per key position, or
    /// empty) lets JSONL lines that repeat earlier lines' keys skip matching them.
    static func scan(
        _ line: UnsafeBufferPointer<UInt8>, format: Format?, matcher: FieldMatcher, slots: UnsafeMutableBufferPointer<ValueSlice>,
        priorities: UnsafeMutableBufferPointer<Int>, memo: UnsafeMutableBufferPointer<KeyMemo>
    ) -> (reason: RejectReason, detail: String)? {
        if isBlank(line) { return (.emptyLine, "the line is empty") }
        // The JSON fast path accepts only well-formed ASCII lines, so one it accepts needs no UTF-8 check.
        if case .jsonl? = format, JSONObjectScanner.scanPlain(line, matcher: matcher, into: slots, priorities: priorities, memo: memo) {
            return nil
        }
        if !FNV1a.isASCII(line), !isValidUTF8(line) { return (.invalidUTF8, "the line is not valid UTF-8") }
        switch format! {
        case .jsonl:
            if let error = JSONObjectScanner.scanCarefully(line, matcher: matcher, into: slots, priorities: priorities) {
                return (.invalidJSON, "\(error.message) at byte \(error.offset + 1)")
            }
        case let .csv(slotOfColumn, priorityOfColumn, _):
            for i in 0..<slots.count { slots[i] = .missing; priorities[i] = Int.max }
            let scanned = CSVRowScanner.scan(line) { column, slice in
                guard column < slotOfColumn.count else { return }
                let slot = slotOfColumn[column]
                if slot >= 0, priorityOfColumn[column] < priorities[slot] {
                    slots[slot] = slice
                    priorities[slot] = priorityOfColumn[column]
                }
            }
            switch scanned {
            case .failure(let error): return (.invalidCSV, "\(error.message) at byte \(error.offset + 1)")
            case .success(let count) where count != slotOfColumn.count:
                return (.wrongFieldCount, "expected \(slotOfColumn.count) fields as in the header, got \(count)")
            default: break
            }
        }
        return nil
    }

    /// Reads every line of `source`: settles the format on the first non-blank line (passing a
    /// CSV header's names and line number to `header`), then calls `record` with each line's slots, or `reject`
    /// with why a line cannot be read. `counted` is called once per data line.
    static func readLines(
        _ source: ByteSource, matcher: FieldMatcher, maximumLineBytes: Int,
        header: (_ names: [String], _ number: Int) throws(CollectorError) -> Void,
        counted: () -> Void,
        record: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ slots: UnsafeMutableBufferPointer<ValueSlice>, _ quote: UInt8) -> Void,
        reject: (_ number: Int, _ reason: RejectReason, _ detail: String, _ raw: RejectedBytes) -> Void
    ) throws(CollectorError) {
        var reader = LineReader(source: source, maximumLineBytes: maximumLineBytes)
        var scanner = LineScanner(matcher: matcher)
        while let line = reader.next() {
            let number = reader.lineNumber
            switch line {
            case let .tooLong(line):
                counted()
                reject(number, .lineTooLong, LineReader.tooLongDetail(length: line.length, maximumLineBytes: maximumLineBytes), .overlong(line))
            case let .text(bytes):
                if scanner.settleFormat(bytes) {
                    if let names = scanner.csvColumns { try header(names, number) }
                    continue
                }
                counted()
                let quote = scanner.quote
                if let failure = scanner.scan(bytes, { record(bytes, number, $0, quote) }) {
                    reject(number, failure.reason, failure.detail, .bytes(bytes))
                }
            }
        }
    }
}
