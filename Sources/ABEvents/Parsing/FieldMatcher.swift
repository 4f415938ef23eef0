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
    /// The number of slots.
    public let slotCount: Int

    /// `fields[i]` lists the names that fill slot `i`, most preferred first.
    public init(fields: [[String]]) {
        slotCount = fields.count
        for (slot, candidates) in fields.enumerated() {
            for (priority, name) in candidates.enumerated() {
                names.append(Array(name.utf8))
                slots.append(slot)
                priorities.append(priority)
            }
        }
    }

    /// The slot and priority of `key`, or nil when no slot wants it.
    public func match(_ key: UnsafeBufferPointer<UInt8>) -> (slot: Int, priority: Int)? {
        matchIndex(key).map { (slots[$0], priorities[$0]) }
    }

    func matchIndex(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        for i in names.indices where names[i].count == key.count {
            let equal = names[i].withUnsafeBufferPointer { name in
                key.count == 0 || memcmp(name.baseAddress!, key.baseAddress!, key.count) == 0
            }
            if equal { return i }
        }
        return nil
    }
}
