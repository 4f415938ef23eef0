/// Somewhere bytes go: a file, standard output, or memory in tests.
public protocol ByteOutput: AnyObject {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer)
    /// Pushes any buffered bytes to their destination.
    func flush()
}

extension ByteOutput {
    /// Appends a byte array.
    public func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }
    /// Appends the UTF-8 bytes of `text`.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }
}
