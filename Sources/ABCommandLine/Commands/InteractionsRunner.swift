import ABEvents
import ABKit
import ABSummary
import Foundation

/// `abkit interactions`: whether two experiments that ran at the same time on overlapping users
/// interact, from one event log holding both experiments' exposures.
///
/// The log is read twice: once for the second experiment, keeping each unit's variant, then for
/// the first with its metrics sliced by that variant, which gives every cell (arm of A × arm of
/// B) its sufficient statistics by the collector's own rules (windows, maturity, exclusions).
package struct InteractionsRunner: Sendable {
    /// Experiment A's file (rows; its metrics are analyzed).
    package var experimentPath: String
    /// Experiment B's file (columns).
    package var otherPath: String
    /// The event logs holding both experiments' exposures.
    package var collection: DataCollection
    /// Significance level of the contrasts and the joint test.
    package var alpha: Double
    /// Text or JSON.
    package var format: ReportFormat

    /// Creates a runner.
    package init(experimentPath: String, otherPath: String, collection: DataCollection, alpha: Double = 0.05, format: ReportFormat = .text) {
        self.experimentPath = experimentPath
        self.otherPath = otherPath
        self.collection = collection
        self.alpha = alpha
        self.format = format
    }

    /// Runs the command.
    package func run() -> CommandOutput {
        CommandOutput.report(format: format, text: InteractionReport.text) { try analyze() }
    }

    /// The analysis, without printing.
    package func analyze() throws -> InteractionAnalysis {
        let experiment = try ExperimentFile.load(experimentPath).observed(asOf: collection.asOf)
        let other = try ExperimentFile.load(otherPath).observed(asOf: collection.asOf)
        guard experiment.id != other.id else {
            throw ABKitError.usage("give two different experiments; both files are '\(experiment.id)'")
        }
        guard collection.kind == .events else {
            throw ABKitError.usage("interactions read event logs (--events) that hold both experiments' exposures")
        }
        guard let rows = experiment.controlFirstKeys, let columns = other.controlFirstKeys else {
            throw ABKitError.usage("both experiment files need variants")
        }
        do {
            // Experiment B: only who got which variant is needed, so its metrics are not computed.
            // Its pass reads the same lines as A's, whose rejects are the ones written and checked.
            var otherPlan = try other.collectorPlan()
            otherPlan.metrics = []
            otherPlan.dimensions = []
            let otherUnits = try collection.collectEvents(otherPlan, rejects: try RejectWriter(path: nil), progress: nil) {
                $0.keepsUnitVariants = true
            }.unitVariants ?? [:]
            let rejects = try RejectWriter(path: collection.rejectsPath)
            // Experiment A sliced by B's variant; A's own dimensions are left out.
            let dimension = "variant in \(other.id)"
            var plan = try experiment.collectorPlan()
            plan.dimensions = [dimension]
            let result = try collection.collectEvents(plan, rejects: rejects, progress: nil) {
                $0.givenLabels = [dimension: otherUnits]
                $0.keepsUnitVariants = true
            }
            try collection.settle(result, rejects: rejects)
            guard let control = experiment.control?.key else { throw ABKitError.usage("the experiment file has no variants") }
            let units = result.unitVariants ?? [:]
            var overlap = rows.map { _ in columns.map { _ in 0 } }
            for (unit, variant) in units {
                guard let label = otherUnits[unit], let r = rows.firstIndex(of: variant), let c = columns.firstIndex(of: label) else { continue }
                overlap[r][c] += 1
            }
            let inBoth = overlap.joined().reduce(0, +)
            return try InteractionAnalysis.analyze(
                summary: result.summary(control: control, weights: experiment.weightsByVariant), dimension: dimension,
                experiment: experiment.id, other: other.id, rows: rows, columns: columns, overlap: overlap,
                onlyExperiment: units.count - inBoth, onlyOther: otherUnits.count - inBoth, alpha: alpha)
        } catch let error as CollectorError {
            throw ABKitError(error)
        }
    }
}

extension ExperimentSpec {
    /// The variant keys, control first.
    var controlFirstKeys: [String]? {
        guard let control = control?.key else { return nil }
        return [control] + variants.map(\.key).filter { $0 != control }
    }
}
