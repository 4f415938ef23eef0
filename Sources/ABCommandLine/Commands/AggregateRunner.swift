import ABKit
import ABSummary
import ABEvents
import Foundation

/// `abkit aggregate`: collects event logs or user tables into a summary file (docs/summary-file.md), which
/// `abkit analyze --summary` then reads with the same result as `--events` or `--users`.
package struct AggregateRunner: Sendable {
    /// The experiment file whose metrics are computed.
    package var experimentPath: String
    /// The data to collect.
    package var collection: DataCollection
    /// Where to write the summary; standard output when nil.
    package var outputPath: String?

    /// Creates a runner.
    package init(experimentPath: String, collection: DataCollection, outputPath: String? = nil) {
        self.experimentPath = experimentPath
        self.collection = collection
        self.outputPath = outputPath
    }

    /// Runs the command and returns what to print and the exit code.
    package func run() -> CommandOutput {
        do {
            return try Self.output(try collection.checkedSummary(for: try ExperimentFile.load(experimentPath)), to: outputPath)
        } catch {
            return .failure(error)
        }
    }

    /// Writes `summary` to `outputPath` (standard output when nil), with its accounting line on standard error.
    package static func output(_ summary: SummaryFile, to outputPath: String?) throws -> CommandOutput {
        let json = try encode(summary)
        let report = accountingLine(summary.data ?? DataAccounting())
        guard let outputPath else { return CommandOutput(standardOutput: json, standardError: report) }
        do { try OutputFile.write(json.utf8, to: outputPath) } catch { throw ABKitError(error) }
        return CommandOutput(standardError: report)
    }

    /// A summary file as pretty JSON with sorted keys.
    package static func encode(_ summary: SummaryFile) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        return String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
    }

    /// One line that reconciles the input: read = accepted + rejected + duplicates.
    package static func accountingLine(_ data: DataAccounting) -> String { data.reconciliation + "\n" }
}
