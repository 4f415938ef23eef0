import ABKit
import ABSummary
import ABEvents
import ABStats
import Foundation

/// `abkit bandit`: Thompson sampling weights for the next period.
///
/// Each arm's next weight is the posterior probability that it is the best on the primary metric
/// (Beta posteriors under the analysis' prior for rates; flat-prior normal posteriors for means),
/// computed exactly by quadrature, with a minimum weight per arm (`floor`) and renormalised by
/// water-filling, then rounded to 4 decimals summing to 1 exactly. With `write`, the new
/// weights replace the numbers of `variants[].weight` in the experiment file and nothing else.
///
/// Each period of a bandit experiment has its own weights, so analyze each period separately
/// with a summary that carries that period's `weights`: pooling periods with different weights
/// confounds the variant with the period, and the SRM check needs the weights units were assigned with.
package struct BanditRunner: Sendable {
    /// The experiment file (read; rewritten with `write`).
    package var experimentPath: String
    /// Where the current period's data come from.
    package var input: AnalyzeRunner.Input
    /// The minimum weight per arm, in [0, 1/k].
    package var floor: Double
    /// `text` or `json`.
    package var format: ReportFormat
    /// Whether to write the weights back into the experiment file.
    package var write: Bool

    /// The default minimum weight per arm: keep learning about every arm.
    package static let defaultFloor = 0.01

    /// Creates a runner.
    package init(experimentPath: String, input: AnalyzeRunner.Input, floor: Double = BanditRunner.defaultFloor,
                format: ReportFormat = .text, write: Bool = false) {
        self.experimentPath = experimentPath
        self.input = input
        self.floor = floor
        self.format = format
        self.write = write
    }

    /// Runs the command and returns what to print and the exit code.
    package func run() -> CommandOutput {
        // recommend() refuses formats other than text and json.
        .report(format: format, text: Self.text) { try recommend() }
    }

    /// Computes the weights, and writes them with `write`.
    package func recommend() throws -> BanditReport {
        guard format == .text || format == .json else {
            throw ABKitError.usage("abkit bandit prints text or json (got \(format.rawValue))")
        }
        let spec = try ExperimentFile.load(experimentPath)
        let options = try spec.analysisOptions()
        guard let primary = spec.primaryMetric else {
            throw ABKitError.usage("\(experimentPath): the experiment file has no metrics; the bandit weighs arms by the primary metric")
        }
        let summary = try AnalyzeRunner(experimentPath: experimentPath, input: input).summary()
        let dataPath: String = switch input {
        case let .summary(path): path
        case let .collection(collection): collection.sourceName
        case let .prepared(_, source): source
        }
        guard summary.experiment == spec.id else {
            throw ABKitError.badData(path: dataPath, location: "experiment",
                                     message: "is '\(summary.experiment)', but the experiment file is for '\(spec.id)'")
        }
        guard let metric = summary.metrics.first(where: { $0.id == primary.id && $0.dimension == nil }) else {
            throw ABKitError.badData(path: dataPath, location: "metrics",
                                     message: "has no metric '\(primary.id)' (the experiment's primary metric)")
        }
        var arms: [BanditReport.Arm] = []
        var chances: [Double]
        do {
            switch metric.type {
            case .proportion:
                let model = try BetaBinomialModel(priorAlpha: options.priorAlpha, priorBeta: options.priorBeta)
                var laws: [BetaDistribution] = []
                for variant in spec.variants {
                    // An arm without data yet keeps the prior.
                    let row = metric.variants.first { $0.key == variant.key }
                    if let row, row.conversions == nil {
                        throw ABKitError.badData(path: dataPath, location: "metrics[\(primary.id)].\(variant.key)",
                                                 message: "has no conversions; a proportion metric needs them")
                    }
                    let units = row?.units ?? 0, conversions = row?.conversions ?? 0
                    guard units >= 0, conversions >= 0, conversions <= units else {
                        throw ABKitError.badData(path: dataPath, location: "metrics[\(primary.id)].\(variant.key)",
                                                 message: "needs 0 ≤ conversions ≤ units (got \(conversions) of \(units))")
                    }
                    let law = try BetaDistribution(
                        alpha: model.priorAlpha + Double(conversions), beta: model.priorBeta + Double(units - conversions))
                    laws.append(law)
                    arms.append(BanditReport.Arm(
                        key: variant.key, units: units, conversions: conversions,
                        mean: units > 0 ? Double(conversions) / Double(units) : nil, posteriorMean: law.mean,
                        chanceToBeBest: 0, currentWeight: variant.weight, weight: 0))
                }
                chances = try BetaComparison.chanceToBeBest(laws)
            case .ratio, .survival:
                throw ABKitError.usage(
                    "the primary metric '\(primary.id)' is a \(metric.type.rawValue) metric; the bandit weighs proportion or mean metrics")
            case .mean:
                var samples: [MeanSample] = []
                for variant in spec.variants {
                    guard let row = metric.variants.first(where: { $0.key == variant.key }) else {
                        throw ABKitError.badData(path: dataPath, location: "metrics[\(primary.id)]",
                                                 message: "has no data for '\(variant.key)'; a mean metric needs at least 2 units per arm")
                    }
                    if row.units == 0, let maturing = row.maturing, maturing > 0 {
                        throw ABKitError.badData(path: dataPath, location: "metrics[\(primary.id)].\(variant.key)",
                                                 message: "all \(maturing) units are still maturing (their window closes after the end of the data); "
                                                    + "the bandit needs outcomes: wait for more data, or set analysis.asOf")
                    }
                    // statistics(for: .mean) returns a mean sample or throws, naming the missing field.
                    guard case let .mean(sample) = try row.statistics(for: .mean) else { preconditionFailure("a mean metric's statistics are a mean") }
                    samples.append(sample)
                    arms.append(BanditReport.Arm(
                        key: variant.key, units: sample.units, conversions: nil, mean: sample.mean, posteriorMean: sample.mean,
                        chanceToBeBest: 0, currentWeight: variant.weight, weight: 0))
                }
                chances = try NormalMeanComparison.chanceToBeBest(samples)
            }
        } catch let error as StatsError {
            throw ABKitError.badData(path: dataPath, location: "metrics[\(primary.id)]", message: error.localizedDescription)
        }
        let weights: [Double]
        do {
            weights = try ThompsonWeights.floored(chances, floor: floor)
        } catch var error as ABKitError where error.code == .badData {
            // ThompsonWeights knows no file; the data it weighs came from `dataPath`.
            error.path = dataPath
            throw error
        }
        let units = ThompsonWeights.rounded(weights, floor: floor)
        let scale = pow(10, Double(ThompsonWeights.decimals))
        for i in arms.indices {
            arms[i].chanceToBeBest = chances[i]
            arms[i].weight = Double(units[i]) / scale
        }
        var report = BanditReport(
            experiment: spec.id, metric: primary.id, type: metric.type, floor: floor,
            prior: [options.priorAlpha, options.priorBeta], arms: arms, written: nil)
        if write {
            try writeWeights(units.map { JSONNumberText.format(units: $0, decimals: ThompsonWeights.decimals) })
            report.written = experimentPath
        }
        return report
    }

    /// Patches the weight numbers in the experiment file, then checks that it still loads.
    private func writeWeights(_ texts: [String]) throws {
        let url = URL(fileURLWithPath: experimentPath)
        let original: Data
        do { original = try Data(contentsOf: url) } catch {
            throw ABKitError.missingInput(path: experimentPath, reason: error.localizedDescription)
        }
        let patched = try ExperimentWeightPatcher.patch(original, weights: texts, path: experimentPath)
        do {
            _ = try ExperimentSpec.parse(patched, file: experimentPath)
        } catch {
            throw ABKitError.badData(path: experimentPath, location: "variants",
                                     message: "would not validate with the new weights (nothing written): \(error.problemLines.joined(separator: "; "))")
        }
        do { try OutputFile.write(patched, to: experimentPath) } catch { throw ABKitError(error) }
    }

    /// The text table.
    static func text(_ report: BanditReport) -> String {
        let isRate = report.type == .proportion
        var lines = ["Thompson sampling for \(report.experiment): next-period weights = P(best) on \(report.metric) "
            + "(\(isRate ? "Beta(\(NumberFormatting.number(report.prior[0])), \(NumberFormatting.number(report.prior[1]))) prior" : "normal posteriors")), "
            + "floor \(NumberFormatting.number(report.floor))"]
        let header = ["variant", "units", isRate ? "rate" : "mean", "P(best)", "weight now", "next weight"]
        let rows = report.arms.map { arm in
            [arm.key, NumberFormatting.count(arm.units),
             arm.mean.map { isRate ? NumberFormatting.percent($0) : NumberFormatting.number($0) } ?? "–",
             String(format: "%.4f", arm.chanceToBeBest),
             JSONNumberText.format(arm.currentWeight, decimals: 4), JSONNumberText.format(arm.weight, decimals: 4)]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.indices.map { c in
                let pad = String(repeating: " ", count: widths[c] - row[c].count)
                return c == 0 ? row[c] + pad : pad + row[c]
            }.joined(separator: "  ")
        }
        lines.append("  " + line(header))
        for row in rows { lines.append("  " + line(row)) }
        if let written = report.written {
            lines.append("Weights written to \(written).")
        }
        lines.append("Analyze each period with its own weights (a summary per period with its \"weights\"); do not pool periods.")
        return lines.joined(separator: "\n") + "\n"
    }
}
