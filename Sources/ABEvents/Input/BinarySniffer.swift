/// Tells binary data from the text ABKit reads (JSON lines, CSV), by an input's first bytes,
/// so a compressed archive or a database file is refused with a message instead of being read
/// as one long CSV header.
enum BinarySniffer {
    /// Magic numbers of formats users hand over by mistake, with what to do about each.
    private static let signatures: [(magic: [UInt8], what: String)] = [
        ([0x1F, 0x8B], "gzip data inside gzip (compressed twice?): decompress it once with gzip -d"),
        (Array("BZh".utf8), "a bzip2 archive: decompress it first (bzip2 -dc FILE | abkit ... -)"),
        ([0x28, 0xB5, 0x2F, 0xFD], "a zstd archive: decompress it first (zstd -dc FILE | abkit ... -)"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "an xz archive: decompress it first (xz -dc FILE | abkit ... -)"),
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive: extract the file first"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7z archive: extract the file first"),
        (Array("SQLite format 3".utf8) + [0], "a SQLite database: read it with --sqlite FILE --table NAME"),
        (Array("PAR1".utf8), "a Parquet file: export it as JSON lines or CSV first"),
    ]

    /// Why `head` (an input's first bytes, after gzip) is not JSON lines or CSV text; nil when it may be.
    static func problem(_ head: UnsafeRawBufferPointer) -> String? {
        let bytes = head.bindMemory(to: UInt8.self)
        for (magic, what) in signatures where bytes.count >= magic.count && zip(magic, bytes).allSatisfy({ $0 == $1 }) {
            // "BZh" alone could begin a CSV header; bzip2 follows it with a block size digit.
            if magic == Array("BZh".utf8), !(bytes.count > 3 && (0x31...0x39).contains(bytes[3])) { continue }
            return "not a JSON lines or CSV file: it starts like \(what)"
        }
        if let at = bytes.firstIndex(of: 0) {
            return "not a JSON lines or CSV file: byte \(at + 1) is NUL (binary data, or UTF-16 text: save it as UTF-8)"
        }
        return nil
    }
}
