/// The member name a JSONL line had at one position, with the slot it fills.
///
/// Event logs repeat one layout (or a few): line after line, the n-th key is the same. The
/// fast scanner keeps one memo per position and recognizes a repeated key by comparing two
/// words, instead of searching for its closing quote and matching it against every field name.
/// A memo holds keys of up to 15 bytes; a key is recognized only when its bytes and closing
/// quote are exactly those remembered, so recognizing never changes what a line means.
struct KeyMemo {
    /// The key and its closing quote, little-endian, in two words, and which bytes of them count.
    private var head: UInt64 = 0
    private var tail: UInt64 = 0
    private var headMask: UInt64 = 0
    private var tailMask: UInt64 = 0
    /// The key's length in bytes (0: nothing remembered).
    private(set) var length = 0
    /// The slot the key fills (−1: none) and its priority there.
    private(set) var slot = -1
    private(set) var priority = 0

    /// Nothing remembered.
    init() {}

    /// Remembers the `length`-byte key at `key` (followed by its closing quote), of which
    /// `readable` bytes may be read; remembers nothing when it is too long or too near the end.
    init(_ key: UnsafePointer<UInt8>, length: Int, readable: Int, slot: Int, priority: Int) {
        guard length > 0, length < 16, readable >= 16 else { return }
        let quoted = length + 1
        headMask = quoted >= 8 ? ~0 : (1 << (8 * UInt64(quoted))) - 1
        tailMask = quoted <= 8 ? 0 : quoted == 16 ? ~0 : (1 << (8 * UInt64(quoted - 8))) - 1
        let raw = UnsafeRawPointer(key)
        head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & headMask
        tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & tailMask
        self.length = length
        self.slot = slot
        self.priority = priority
    }

    /// Whether the bytes at `key` (`readable` of them may be read) start with the remembered key
    /// and its closing quote; returns this memo then.
    @inline(__always)
    func recognize(_ key: UnsafePointer<UInt8>, readable: Int) -> KeyMemo? {
        guard length > 0, readable >= 16 else { return nil }
        let raw = UnsafeRawPointer(key)
        guard UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & headMask == head,
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & tailMask == tail
        else { return nil }
        return self
    }
}
