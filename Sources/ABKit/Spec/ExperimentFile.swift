/// Loading an experiment file for a command, with its errors mapped to exit codes.
public enum ExperimentFile {
    /// Loads and validates `path`: a missing file is exit 66, an invalid one exit 65 with every problem.
    public static func load(_ path: String) throws -> ExperimentSpec {
        do {
            return try ExperimentSpec.load(path: path)
        } catch let .unreadable(file, reason) {
            throw ABKitError.missingInput(path: file, reason: reason)
        } catch {
            // ABKitError puts the file name before the first line; the others are indented under it,
            // so the name appears once.
            throw ABKitError.badData(path: path, location: "", message: error.problemLines.joined(separator: "\n  "))
        }
    }
}
