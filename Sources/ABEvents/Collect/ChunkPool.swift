import Dispatch

/// A fixed set of ``EventChunk``s handed out and returned, so a run allocates its chunk buffers
/// once; taking waits while every chunk is in the pipeline, which bounds memory.
final class ChunkPool: @unchecked Sendable {
    private var free: [EventChunk]
    private let available: DispatchSemaphore
    private let lock = DispatchSemaphore(value: 1)

    /// `count` chunks of `capacity` bytes each.
    init(count: Int, capacity: Int) {
        free = (0..<count).map { _ in EventChunk(capacity: capacity) }
        available = DispatchSemaphore(value: count)
    }

    /// A free chunk, waiting for one if none is.
    func take() -> EventChunk {
        available.wait()
        lock.wait()
        defer { lock.signal() }
        return free.removeLast()
    }

    /// Gives a chunk back.
    func put(_ chunk: EventChunk) {
        lock.wait()
        free.append(chunk)
        lock.signal()
        available.signal()
    }
}
