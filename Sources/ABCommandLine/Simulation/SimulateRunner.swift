import ABSummary
import ABKit
import ABEvents
import Foundation

/// `abkit simulate`: writes a simulated event log for an experiment file.
package struct SimulateRunner: Sendable {
    /// The experiment file.
    package var experimentPath: String
    /// The plan.
    package var plan: SimulationPlan
    /// The output file; standard output when nil.
    package var outputPath: String?
    /// Whether the lines written are drawn on standard error as the simulation goes.
    package var showsProgress = false

    /// Creates a runner.
    package init(experimentPath: String, plan: SimulationPlan, outputPath: String? = nil) {
        self.experimentPath = experimentPath
        self.plan = plan
        self.outputPath = outputPath
    }

    /// Runs the simulation. With no output file the log is returned as standard output.
    package func run() -> CommandOutput {
        do {
            let spec = try ExperimentFile.load(experimentPath)
            var buffer = ""
            var file: OutputFile?
            if let outputPath {
                do { file = try OutputFile(path: outputPath, strategy: .stream) } catch { throw ABKitError(error) }
            }
            let progress = showsProgress ? ProgressMeter(label: "simulating", total: nil, unit: .items("lines"), enabled: true) : nil
            defer { progress?.finish() }
            let summary = try EventSimulator(spec: spec, plan: plan).run { line in
                progress?.advance(by: 1)
                if let file {
                    file.write(line)
                    file.write("\n")
                } else {
                    buffer += line
                    buffer += "\n"
                }
            }
            do { try file?.commit() } catch { throw ABKitError(error) }
            let destination = outputPath ?? "standard output"
            let note = "simulate: \(summary.users) users, \(summary.exposed) exposed, \(summary.lines) lines "
                + "(\(summary.dirtyLines) dirty) → \(destination)\n"
            return CommandOutput(standardOutput: buffer, standardError: note)
        } catch {
            return .failure(error)
        }
    }
}
