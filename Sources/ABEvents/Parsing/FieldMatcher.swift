#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps field names (JSON keys or CSV header names) to slot numbers without making strings.
///
/// Several names may share a slot (`user_id`, `userId`, `id`); the earlier name in the list
/// wins when a line holds more than one of them.
public struct FieldMatcher: Sendable {
    private var names: [[UInt8]] = []
    private var slots: [Int] = []
    private var priorities: [Int] = []
    /// Each name's first eight bytes, little-endian, zero-padded.
    private var heads: [UInt64] = []
    /// The number of slots.
    public let slotCount: Int

    /// `fields[i]` lists the names that fill slot `i`, most preferred first.
    public init(fields: [[String]]) {
        slotCount = fields.count
        for (slot, candidates) in fields.enumerated() {
            for (priority, name) in candidates.enumerated() {
                names.append(Array(name.utf8))
                heads.append(names[names.count - 1].prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
                slots.append(slot)
                priorities.append(priority)
            }
        }
    }

    /// The slot and priority of `key`, or nil when no slot wants it.
    public func match(_ key: UnsafeBufferPointer<UInt8>) -> (slot: Int, priority: Int)? {
        guard let base = key.baseAddress else { return withUnsafePointer(to: UInt8(0)) { match($0, count: 0, readable: 0) } }
        return match(base, count: key.count, readable: key.count)
    }

    /// The slot and priority of the `count` bytes at `key`, of which `readable` bytes may be
    /// read; names are compared eight bytes at a time, without a call per candidate.
    @inline(__always)
    func match(_ key: UnsafePointer<UInt8>, count: Int, readable: Int) -> (slot: Int, priority: Int)? {
        var head: UInt64 = 0
        if readable >= 8 {
            head = UInt64(littleEndian: UnsafeRawPointer(key).loadUnaligned(as: UInt64.self))
            if count < 8 { head &= (1 << (8 * UInt64(count))) - 1 }
        } else {
            for k in 0..<min(count, 8) { head |= UInt64(key[k]) << (8 * UInt64(k)) }
        }
        for i in heads.indices where heads[i] == head && names[i].count == count {
            if count <= 8 || names[i].withUnsafeBufferPointer({ memcmp($0.baseAddress! + 8, key + 8, count - 8) == 0 }) {
                return (slots[i], priorities[i])
            }
        }
        return nil
    }
}
