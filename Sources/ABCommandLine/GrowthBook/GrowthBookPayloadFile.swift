import ABAssign
import Foundation

/// Reads a GrowthBook SDK payload file (`{"features": {...}, "savedGroups": {...}}`, as the
/// SDK endpoint serves it) for `abkit assign --growthbook-payload` and `abkit import-growthbook`.
package enum GrowthBookPayloadFile {
    /// Why the payload could not be read, with the exit code it means.
    package struct Failure: Error {
        /// `file: what`, for standard error.
        package var message: String
        /// 66 for a missing file, 65 for a payload that is not one.
        package var exitCode: Int32
    }

    /// The payload in the file at `path`.
    package static func load(path: String) throws(Failure) -> GrowthBookPayload {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "\(path): cannot read the file (no such file or not readable)", exitCode: ABKitExitCode.noInput.rawValue)
        }
        do {
            return try GrowthBookPayload(text: String(decoding: data, as: UTF8.self))
        } catch {
            throw Failure(message: "\(path): \(error)", exitCode: ABKitExitCode.dataError.rawValue)
        }
    }
}
