/// Collects output in memory, for tests.
public final class MemoryOutput: ByteOutput {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []
    /// Creates an empty buffer.
    public init() {}
    public func write(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public func flush() {}
    /// Everything written so far, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
