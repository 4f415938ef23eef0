#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A zero-filled block of memory for a large hash table, freed with its owner.
///
/// Tables of millions of slots are probed at random, so nearly every probe misses the TLB as
/// well as the cache when they live on 4 KiB pages. Large blocks are mapped directly and, on
/// Linux, marked for transparent huge pages (2 MiB), which cuts those page walks; untouched
/// pages of a generously reserved table cost no memory. Small blocks come from calloc.
struct ZeroedMemory: ~Copyable {
    /// The usable, zero-filled bytes.
    let base: UnsafeMutableRawPointer
    private let mapping: (start: UnsafeMutableRawPointer, length: Int)?

    /// Blocks from this size up are mapped directly.
    private static let mappedFrom = 4 << 20
    private static let hugePage = 2 << 20

    /// `byteCount` zero bytes.
    init(byteCount: Int) {
        let count = max(byteCount, 1)
        if count >= Self.mappedFrom {
            // One huge page extra, so the block can start on a huge-page boundary.
            let length = count + Self.hugePage
            let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            if let start, start != MAP_FAILED {
                let aligned = (Int(bitPattern: start) + Self.hugePage - 1) & ~(Self.hugePage - 1)
                base = UnsafeMutableRawPointer(bitPattern: aligned)!
                #if os(Linux)
                // Advice only: without transparent huge pages the block still works on small pages.
                _ = madvise(base, count, MADV_HUGEPAGE)
                #endif
                mapping = (start, length)
                return
            }
        }
        guard let block = calloc(count, 1) else { fatalError("out of memory: \(count) bytes for a table") }
        base = block
        mapping = nil
    }

    deinit {
        if let mapping { munmap(mapping.start, mapping.length) } else { free(base) }
    }
}
