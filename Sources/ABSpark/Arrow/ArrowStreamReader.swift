/// Reads an Arrow IPC stream (a schema message, then record batches; the format Spark Connect
/// returns results in) into columns of the types ABKit's queries return: integers, floating
/// point, UTF-8 text, booleans and nulls, uncompressed.
///
/// Arrow's IPC format: each message is a 0xFFFFFFFF continuation marker (absent in streams
/// written before Arrow 0.15), a 32-bit metadata length, FlatBuffers metadata padded to 8 bytes,
/// then a body of buffers that the metadata locates. No Arrow library is available to the
/// package, so this reads the part of the format ABKit needs and refuses the rest by name.
struct ArrowStreamReader {
    /// A field of the schema: its name and how its values are stored.
    struct Field: Equatable {
        enum Storage: Equatable {
            case integer(bitWidth: Int, signed: Bool)
            case floatingPoint(bytes: Int)
            case utf8
            case largeUTF8
            case boolean
            case null
        }

        var name: String
        var storage: Storage
    }

    /// The schema's fields, once a schema message has been read.
    private(set) var fields: [Field] = []
    /// The columns read so far, one per field.
    private(set) var columns: [ArrowColumn] = []

    /// Reads every message of `stream` (one Spark Connect Arrow batch holds a whole stream).
    mutating func read(_ stream: [UInt8]) throws(ArrowError) {
        var at = 0
        while at + 4 <= stream.count {
            var length = Int32(bitPattern: try FlatBufferTable.uint32(stream, at))
            at += 4
            if length == -1 {
                guard at + 4 <= stream.count else { throw ArrowError("the stream ends inside a message header") }
                length = Int32(bitPattern: try FlatBufferTable.uint32(stream, at))
                at += 4
            }
            if length == 0 { return }  // end of stream
            guard length > 0, at + Int(length) <= stream.count else { throw ArrowError("a message's metadata runs past the end of the stream") }
            let metadata = Array(stream[at..<at + Int(length)])
            at += Int(length)
            let message = try FlatBufferTable(root: metadata, start: 0)
            let bodyLength = try message.int64(3)
            guard bodyLength >= 0, at + Int(bodyLength) <= stream.count else { throw ArrowError("a message's body runs past the end of the stream") }
            let body = stream[at..<at + Int(bodyLength)]
            at += Int(bodyLength)
            guard let header = try message.table(2) else { throw ArrowError("a message has no header") }
            switch try message.uint8(1) {
            case 1: try readSchema(header)
            case 3: try readBatch(header, body: Array(body))
            case 2: throw ArrowError("dictionary-encoded columns are not supported")
            case let other: throw ArrowError("message type \(other) is not supported")
            }
        }
    }

    private mutating func readSchema(_ schema: FlatBufferTable) throws(ArrowError) {
        let fields = try schema.tables(1).map { field throws(ArrowError) in
            let name = try field.string(0) ?? ""
            let type = try field.table(3)
            let storage: Field.Storage
            switch try field.uint8(2) {
            case 1: storage = .null
            case 2:
                guard let type else { throw ArrowError("column \(name): an integer type without its width") }
                storage = .integer(bitWidth: Int(try type.int32(0)), signed: try type.bool(1))
            case 3:
                let precision = try type?.int16(0) ?? 0
                guard precision == 1 || precision == 2 else { throw ArrowError("column \(name): half-precision floats are not supported") }
                storage = .floatingPoint(bytes: precision == 2 ? 8 : 4)
            case 5: storage = .utf8
            case 6: storage = .boolean
            case 20: storage = .largeUTF8
            case let other: throw ArrowError("column \(name): Arrow type \(other) is not supported")
            }
            return Field(name: name, storage: storage)
        }
        // Spark Connect sends each batch as a stream of its own, schema included: later copies
        // of the same schema continue the columns read so far.
        if !self.fields.isEmpty {
            guard fields == self.fields else { throw ArrowError("the result's schema changed between batches") }
            return
        }
        self.fields = fields
        columns = fields.map { field in
            switch field.storage {
            case .integer: .integer([])
            case .floatingPoint: .double([])
            case .utf8, .largeUTF8: .text([])
            case .boolean: .boolean([])
            case .null: .null(count: 0)
            }
        }
    }

    private mutating func readBatch(_ batch: FlatBufferTable, body: [UInt8]) throws(ArrowError) {
        guard !fields.isEmpty || columns.isEmpty else { throw ArrowError("a record batch came before the schema") }
        if try batch.table(3) != nil { throw ArrowError("compressed record batches are not supported") }
        let length = Int(try batch.int64(0))
        guard let (nodeStart, nodeCount) = try batch.vector(1, elementSize: 16), nodeCount == fields.count else {
            throw ArrowError("a record batch's columns do not match the schema")
        }
        let buffers = try batch.vector(2, elementSize: 16)
        var nextBuffer = 0
        func buffer() throws(ArrowError) -> ArraySlice<UInt8> {
            guard let buffers, nextBuffer < buffers.count else { throw ArrowError("a record batch has fewer buffers than its columns need") }
            let at = buffers.start + 16 * nextBuffer
            nextBuffer += 1
            let offset = Int(try FlatBufferTable.int64(batch.bytes, at)), size = Int(try FlatBufferTable.int64(batch.bytes, at + 8))
            guard offset >= 0, size >= 0, offset <= body.count - size else { throw ArrowError("a buffer lies outside the record batch") }
            return body[offset..<offset + size]
        }
        for (f, field) in fields.enumerated() {
            let count = Int(try FlatBufferTable.int64(batch.bytes, nodeStart + 16 * f))
            let nullCount = Int(try FlatBufferTable.int64(batch.bytes, nodeStart + 16 * f + 8))
            guard count == length, count >= 0 else { throw ArrowError("column \(field.name) has \(count) values in a batch of \(length)") }
            let column: ArrowColumn
            switch field.storage {
            case .null:
                column = .null(count: count)
            case let .integer(bitWidth, signed):
                let valid = try validity(try buffer(), count: count, nullCount: nullCount)
                let data = try buffer()
                let width = bitWidth / 8
                guard [1, 2, 4, 8].contains(width), data.count >= count * width else { throw ArrowError("column \(field.name): short data buffer") }
                column = .integer((0..<count).map { i in
                    guard valid(i) else { return nil }
                    var raw: UInt64 = 0
                    for b in 0..<width { raw |= UInt64(data[data.startIndex + i * width + b]) << (8 * UInt64(b)) }
                    guard signed, width < 8, raw & (1 << (UInt64(bitWidth) - 1)) != 0 else { return Int64(bitPattern: raw) }
                    return Int64(bitPattern: raw | ~((1 << UInt64(bitWidth)) - 1))  // sign-extend
                })
            case let .floatingPoint(width):
                let valid = try validity(try buffer(), count: count, nullCount: nullCount)
                let data = try buffer()
                guard data.count >= count * width else { throw ArrowError("column \(field.name): short data buffer") }
                column = .double((0..<count).map { i in
                    guard valid(i) else { return nil }
                    var raw: UInt64 = 0
                    for b in 0..<width { raw |= UInt64(data[data.startIndex + i * width + b]) << (8 * UInt64(b)) }
                    return width == 8 ? Double(bitPattern: raw) : Double(Float(bitPattern: UInt32(raw)))
                })
            case .utf8, .largeUTF8:
                let valid = try validity(try buffer(), count: count, nullCount: nullCount)
                let offsets = try buffer(), data = try buffer()
                let width = field.storage == .utf8 ? 4 : 8
                guard offsets.count >= (count + 1) * width || count == 0 else { throw ArrowError("column \(field.name): short offsets buffer") }
                func offset(_ i: Int) -> Int {
                    var raw: UInt64 = 0
                    for b in 0..<width { raw |= UInt64(offsets[offsets.startIndex + i * width + b]) << (8 * UInt64(b)) }
                    return Int(truncatingIfNeeded: raw)
                }
                var values: [String?] = []
                values.reserveCapacity(count)
                for i in 0..<count {
                    guard valid(i) else { values.append(nil); continue }
                    let start = offset(i), end = offset(i + 1)
                    guard start >= 0, start <= end, end <= data.count else { throw ArrowError("column \(field.name): a text value lies outside its buffer") }
                    values.append(String(decoding: data[data.startIndex + start..<data.startIndex + end], as: UTF8.self))
                }
                column = .text(values)
            case .boolean:
                let valid = try validity(try buffer(), count: count, nullCount: nullCount)
                let bits = try buffer()
                guard bits.count * 8 >= count else { throw ArrowError("column \(field.name): short data buffer") }
                column = .boolean((0..<count).map { i in
                    valid(i) ? bits[bits.startIndex + i / 8] & (1 << UInt8(i % 8)) != 0 : nil
                })
            }
            try columns[f].append(column)
        }
    }

    /// Whether value i is present: bit i of the validity bitmap, or always when the column has no nulls.
    private func validity(_ bitmap: ArraySlice<UInt8>, count: Int, nullCount: Int) throws(ArrowError) -> (Int) -> Bool {
        guard nullCount > 0 else { return { _ in true } }
        guard bitmap.count * 8 >= count else { throw ArrowError("a validity bitmap is shorter than its column") }
        let bits = Array(bitmap)
        return { i in bits[i / 8] & (1 << UInt8(i % 8)) != 0 }
    }
}
