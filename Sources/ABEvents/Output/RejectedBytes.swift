/// A rejected line's bytes as a reader hands them over.
public enum RejectedBytes {
    /// The whole line, without its line end, valid for the call.
    case bytes(UnsafeBufferPointer<UInt8>)
    /// A line over the limit, kept whole by the reader.
    case overlong(OverlongLine)
}
