/// Why bytes that should be an Arrow IPC stream could not be read.
struct ArrowError: Error, CustomStringConvertible {
    /// What was wrong.
    var description: String

    init(_ description: String) { self.description = description }
}
