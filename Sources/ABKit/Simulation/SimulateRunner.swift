import Foundation

/// `abkit simulate`: writes a simulated event log for an experiment file.
public struct SimulateRunner: Sendable {
    /// The experiment file.
    public var experimentPath: String
    /// The plan.
    public var plan: SimulationPlan
    /// The output file; standard output when nil.
    public var outputPath: String?

    /// Creates a runner.
    public init(experimentPath: String, plan: SimulationPlan, outputPath: String? = nil) {
        self.experimentPath = experimentPath
        self.plan = plan
        self.outputPath = outputPath
    }

    /// Runs the simulation. With no output file the log is returned as standard output.
    public func run() -> CommandOutput {
        do {
            let spec = try ExperimentFile.load(experimentPath)
            var buffer = ""
            var handle: FileHandle?
            if let outputPath {
                guard FileManager.default.createFile(atPath: outputPath, contents: nil), let file = FileHandle(forWritingAtPath: outputPath) else {
                    throw ABKitError.missingInput(path: outputPath, reason: "cannot create the output file")
                }
                handle = file
            }
            defer { try? handle?.close() }
            let summary = try EventSimulator(spec: spec, plan: plan).run { line in
                buffer += line
                buffer += "\n"
                if let handle, buffer.utf8.count >= 1 << 20 {
                    try handle.write(contentsOf: Data(buffer.utf8))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if let handle { try handle.write(contentsOf: Data(buffer.utf8)); buffer = "" }
            let destination = outputPath ?? "standard output"
            let note = "simulate: \(summary.users) users, \(summary.exposed) exposed, \(summary.lines) lines "
                + "(\(summary.dirtyLines) dirty) → \(destination)\n"
            return CommandOutput(standardOutput: buffer, standardError: note)
        } catch {
            return .failure(error)
        }
    }
}
