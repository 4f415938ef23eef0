import ABEvents
import ABSummary
import ABKit
import Foundation
/// What a command produced: its standard output and error text and its exit code.
///
/// Commands in ABKit return this instead of printing, so tests run them in-process and the
/// executable only prints and exits.
package struct CommandOutput: Sendable, Equatable {
    /// Text for standard output.
    package var standardOutput: String
    /// Text for standard error.
    package var standardError: String
    /// The exit code.
    package var exitCode: ABKitExitCode

    /// Creates an output.
    package init(standardOutput: String = "", standardError: String = "", exitCode: ABKitExitCode = .success) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.exitCode = exitCode
    }

    /// The output of a failed command: the error's message on standard error and its exit code.
    package static func failure(_ error: any Error) -> CommandOutput {
        if let error = error as? ABKitError {
            return CommandOutput(standardError: "error: \(error.commandLineDescription)\n", exitCode: error.exitCode)
        }
        // Anything else that escapes is a problem with the data the statistics were given.
        return CommandOutput(standardError: "error: \(error.localizedDescription)\n", exitCode: .dataError)
    }

    /// The output of a command that computes one report: pretty JSON for `.json`, else `text`.
    static func report<Report: Encodable>(format: ReportFormat, text: (Report) -> String, _ compute: () throws -> Report) -> CommandOutput {
        do {
            let report = try compute()
            return CommandOutput(standardOutput: format == .json ? try ResultJSON.encode(value: report) + "\n" : text(report))
        } catch {
            return .failure(error)
        }
    }
}
