/// A table in a FlatBuffers buffer, read in place: the metadata of Arrow's IPC messages is
/// FlatBuffers, and no FlatBuffers or Arrow library is available to the package, so the few
/// fields ABKit reads are read here by the format's rules (little-endian, offsets relative to
/// where they are stored, a vtable of field offsets before each table).
struct FlatBufferTable {
    let bytes: [UInt8]
    /// Where the table starts in `bytes`.
    let position: Int

    /// The root table of a buffer starting at `start`.
    init(root bytes: [UInt8], start: Int) throws(ArrowError) {
        let offset = try FlatBufferTable.uint32(bytes, start)
        self.bytes = bytes
        self.position = start + Int(offset)
        try check(position, 4)
    }

    private init(bytes: [UInt8], position: Int) throws(ArrowError) {
        self.bytes = bytes
        self.position = position
        try check(position, 4)
    }

    private func check(_ at: Int, _ count: Int) throws(ArrowError) {
        guard at >= 0, count >= 0, at <= bytes.count - count else { throw ArrowError("metadata offset \(at) is outside the message") }
    }

    static func uint32(_ bytes: [UInt8], _ at: Int) throws(ArrowError) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { throw ArrowError("metadata offset \(at) is outside the message") }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    static func int64(_ bytes: [UInt8], _ at: Int) throws(ArrowError) -> Int64 {
        guard at >= 0, at + 8 <= bytes.count else { throw ArrowError("metadata offset \(at) is outside the message") }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        return Int64(bitPattern: value)
    }

    /// Where field `index` of the table is stored, or nil when absent (its default applies).
    private func fieldPosition(_ index: Int) throws(ArrowError) -> Int? {
        let soffset = Int32(bitPattern: try FlatBufferTable.uint32(bytes, position))
        let vtable = position - Int(soffset)
        try check(vtable, 4)
        let vtableSize = Int(bytes[vtable]) | Int(bytes[vtable + 1]) << 8
        let entry = 4 + 2 * index
        guard entry + 2 <= vtableSize else { return nil }
        try check(vtable + entry, 2)
        let offset = Int(bytes[vtable + entry]) | Int(bytes[vtable + entry + 1]) << 8
        return offset == 0 ? nil : position + offset
    }

    func uint8(_ index: Int, default value: UInt8 = 0) throws(ArrowError) -> UInt8 {
        guard let at = try fieldPosition(index) else { return value }
        try check(at, 1)
        return bytes[at]
    }

    func int16(_ index: Int, default value: Int16 = 0) throws(ArrowError) -> Int16 {
        guard let at = try fieldPosition(index) else { return value }
        try check(at, 2)
        return Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)
    }

    func int32(_ index: Int, default value: Int32 = 0) throws(ArrowError) -> Int32 {
        guard let at = try fieldPosition(index) else { return value }
        return Int32(bitPattern: try FlatBufferTable.uint32(bytes, at))
    }

    func int64(_ index: Int, default value: Int64 = 0) throws(ArrowError) -> Int64 {
        guard let at = try fieldPosition(index) else { return value }
        return try FlatBufferTable.int64(bytes, at)
    }

    func bool(_ index: Int) throws(ArrowError) -> Bool { try uint8(index) != 0 }

    /// The table an offset field points to.
    func table(_ index: Int) throws(ArrowError) -> FlatBufferTable? {
        guard let at = try fieldPosition(index) else { return nil }
        return try FlatBufferTable(bytes: bytes, position: at + Int(try FlatBufferTable.uint32(bytes, at)))
    }

    func string(_ index: Int) throws(ArrowError) -> String? {
        guard let (start, count) = try vector(index, elementSize: 1) else { return nil }
        return String(decoding: bytes[start..<start + count], as: UTF8.self)
    }

    /// The tables of a vector-of-tables field.
    func tables(_ index: Int) throws(ArrowError) -> [FlatBufferTable] {
        guard let (start, count) = try vector(index, elementSize: 4) else { return [] }
        var out: [FlatBufferTable] = []
        for i in 0..<count {
            let at = start + 4 * i
            out.append(try FlatBufferTable(bytes: bytes, position: at + Int(try FlatBufferTable.uint32(bytes, at))))
        }
        return out
    }

    /// The start and element count of a vector field whose elements take `elementSize` bytes.
    func vector(_ index: Int, elementSize: Int) throws(ArrowError) -> (start: Int, count: Int)? {
        guard let at = try fieldPosition(index) else { return nil }
        let vector = at + Int(try FlatBufferTable.uint32(bytes, at))
        let count = Int(try FlatBufferTable.uint32(bytes, vector))
        let (size, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow else { throw ArrowError("a metadata vector of \(count) elements is too long") }
        try check(vector + 4, size)
        return (vector + 4, count)
    }
}
