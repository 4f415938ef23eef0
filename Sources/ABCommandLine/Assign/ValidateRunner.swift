import ABSummary
import ABKit
import ABEvents
import Foundation

/// `abkit validate`: checks experiment files and lists every problem.
package enum ValidateRunner {
    /// Validates `files`; returns 0 when all are valid, 66 when one is missing, else 65.
    package static func run(files: [String], stdout: ByteOutput, stderr: ByteOutput) -> Int32 {
        defer { stdout.flush(); stderr.flush() }
        guard !files.isEmpty else {
            stderr.write("validate: give at least one experiment file\n")
            return ABKitExitCode.usage.rawValue
        }
        var missing = false
        var invalid = false
        for file in files {
            do {
                let spec = try ExperimentSpec.load(path: file)
                _ = try spec.assignmentConfig()
                _ = try SendTimePlan(spec, file: file)
                stdout.write("\(file): ok (\(spec.id): \(spec.variants.count) variants, \(spec.metrics.count) metrics)\n")
            } catch let error as ExperimentSpecError {
                for line in error.lines { stderr.write(line + "\n") }
                if case .unreadable = error { missing = true } else { invalid = true }
            } catch {
                stderr.write("\(file): \(error)\n")
                invalid = true
            }
        }
        return missing ? ABKitExitCode.noInput.rawValue : (invalid ? ABKitExitCode.dataError.rawValue : ABKitExitCode.success.rawValue)
    }
}
