import CPrefetch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct byte string a dense integer id (0, 1, 2, ...) in order of first sight.
///
/// The collector maps millions of user ids and event ids; a `Dictionary<String, Int>` would make
/// a `String` per line. This table hashes the bytes in place (open addressing, linear probing)
/// and copies a string into its arena only the first time it is seen.
public struct ByteInterner: ~Copyable {
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaCount = 0
    /// Start offset of each id's bytes in the arena; offsets[count] is the arena's end.
    /// 32 bits: millions of event ids must fit in memory, and the arena stays under 4 GiB.
    private var offsets: [UInt32] = [0]
    /// One word per slot: the string's 32-bit hash above its id + 1 (0: empty). Hash and id
    /// share a cache line, so a probe costs one memory access however large the table is.
    private var table: UnsafeMutablePointer<UInt64>
    private var tableMemory: ZeroedMemory
    private var mask: Int

    /// The number of distinct strings seen.
    public var count: Int { offsets.count - 1 }

    /// The bytes of all distinct strings together.
    public var byteCount: Int { arenaCount }

    /// Creates an empty table sized for about `expected` strings.
    public init(expected: Int = 1024) {
        var capacity = 16
        while capacity * 3 < expected * 4 { capacity <<= 1 }
        mask = capacity - 1
        tableMemory = ZeroedMemory(byteCount: capacity * MemoryLayout<UInt64>.stride)
        table = tableMemory.base.assumingMemoryBound(to: UInt64.self)
        arenaCapacity = max(1 << 16, expected * 16)
        arena = .allocate(capacity: arenaCapacity)
        offsets.reserveCapacity(expected + 1)
    }

    deinit {
        arena.deallocate()
    }

    /// The id of `bytes`, adding it when new; `isNew` tells which.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        intern(bytes, hash: Self.hash(bytes))
    }

    /// The id of `bytes`, whose ``hash(_:)`` is `hash` (computed ahead, on another thread), adding it when new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (id: Int32, isNew: Bool) {
        let tag = UInt64(hash) << 32
        var slot = Int(hash) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int32(truncatingIfNeeded: entry &- 1)
                if equals(Int(id), bytes) { return (id, false) }
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        append(bytes)
        table[slot] = tag | UInt64(id + 1)
        // Grow at a load of 3/4: linear probing stays short and the table half the size of 1/2.
        if count * 4 > mask * 3 { grow() }
        return (id, true)
    }

    /// Starts loading the first slot `hash` probes into the cache, without waiting for it, so a
    /// caller can overlap that memory access with work on earlier strings.
    @inline(__always)
    public func prefetch(_ hash: UInt32) {
        abkit_prefetch(table + (Int(hash) & mask))
    }

    /// Makes room for `expected` strings in all (of about `bytes` bytes together), so neither
    /// the table nor the string storage grows, rehashes or is copied below that.
    public mutating func reserve(_ expected: Int, bytes: Int = 0) {
        var capacity = mask + 1
        while expected * 4 > (capacity - 1) * 3 { capacity *= 2 }
        if capacity > mask + 1 { rehash(into: capacity) }
        offsets.reserveCapacity(expected + 1)
        if bytes > arenaCapacity { resizeArena(bytes) }
    }

    /// The id of `bytes` if it was seen.
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        let tag = UInt64(hash) << 32
        var slot = Int(hash) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int32(truncatingIfNeeded: entry &- 1)
                if equals(Int(id), bytes) { return id }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The bytes of `id` as a string.
    public func string(_ id: Int32) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of `id`.
    public func withBytes<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let lower = Int(offsets[Int(id)])
        return body(UnsafeBufferPointer(start: arena + lower, count: Int(offsets[Int(id) + 1]) - lower))
    }

    /// Orders two ids by their bytes (memcmp order, then length).
    public func bytesPrecede(_ a: Int32, _ b: Int32) -> Bool {
        let la = Int(offsets[Int(a)]), lb = Int(offsets[Int(b)])
        let na = Int(offsets[Int(a) + 1]) - la, nb = Int(offsets[Int(b) + 1]) - lb
        let c = memcmp(arena + la, arena + lb, min(na, nb))
        return c != 0 ? c < 0 : na < nb
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lower = Int(offsets[id])
        guard Int(offsets[id + 1]) - lower == bytes.count else { return false }
        return bytes.count == 0 || memcmp(arena + lower, bytes.baseAddress!, bytes.count) == 0
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(arenaCount + bytes.count < Int(UInt32.max), "more than 4 GiB of distinct ids")
        if arenaCount + bytes.count > arenaCapacity {
            var capacity = arenaCapacity + arenaCapacity / 2
            while capacity < arenaCount + bytes.count { capacity *= 2 }
            resizeArena(capacity)
        }
        if bytes.count > 32 {
            (arena + arenaCount).update(from: bytes.baseAddress!, count: bytes.count)
        } else {
            // Ids are short: a loop beats a call to memmove for each of millions of them.
            for k in 0..<bytes.count { arena[arenaCount + k] = bytes[k] }
        }
        arenaCount += bytes.count
        offsets.append(UInt32(arenaCount))
    }

    private mutating func resizeArena(_ capacity: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bigger.update(from: arena, count: arenaCount)
        arena.deallocate()
        arena = bigger
        arenaCapacity = capacity
    }

    private mutating func grow() { rehash(into: (mask + 1) * 2) }

    private mutating func rehash(into capacity: Int) {
        let newMemory = ZeroedMemory(byteCount: capacity * MemoryLayout<UInt64>.stride)
        let newTable = newMemory.base.assumingMemoryBound(to: UInt64.self)
        let newMask = capacity - 1
        // Old slots in order land in a few ascending runs of the new table: a nearly sequential pass.
        for slot in 0...mask where table[slot] != 0 {
            let entry = table[slot]
            var target = Int(entry >> 32) & newMask
            while newTable[target] != 0 { target = (target + 1) & newMask }
            newTable[target] = entry
        }
        tableMemory = newMemory
        table = newTable
        mask = newMask
    }

    /// A fast 32-bit hash of the bytes (FNV-1a mixed with a multiplicative finalizer).
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        let n = bytes.count
        let base = UnsafeRawPointer(bytes.baseAddress)
        while i + 8 <= n {
            let word = base!.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        h ^= UInt64(n)
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }
}
