#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file the user named cannot be written: the path, what went wrong, and the system's error
/// number when there is one. A struct rather than an enum, so new causes need no new case.
public struct OutputFileError: Error, Sendable, Equatable, LocalizedError {
    /// The path as the user gave it.
    public var path: String
    /// What went wrong, in words.
    public var reason: String
    /// The system error number (`errno`), when the failure came from the system.
    public var code: Int32?

    /// An error described in words.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
        code = nil
    }

    /// An error from a failed system call, described by the system's message.
    public init(path: String, errno code: Int32) {
        self.path = path
        reason = String(cString: strerror(code)).lowercased()
        self.code = code
    }

    public var errorDescription: String? { "\(path): cannot write: \(reason)" }
}
