import ABEvents
import ABKit
import ABSummary
import ABStats
import Foundation

/// `abkit analyze`: reads the inputs, runs the analysis, applies the experiment's decision
/// rules when an experiment file is given, and renders the report.
package struct AnalyzeRunner: Sendable {
    /// Where the sufficient statistics come from.
    package enum Input: Sendable, Equatable {
        /// A summary file (docs/summary-file.md), or "-" for standard input.
        case summary(path: String)
        /// Event logs or user tables, collected with the experiment file's metrics.
        case collection(DataCollection)
        /// A summary computed elsewhere (a warehouse query); `source` names it in messages.
        case prepared(SummaryFile, source: String)
    }

    /// The experiment file, whose `analysis` and `decision` sections apply when given.
    package var experimentPath: String?
    /// The input.
    package var input: Input
    /// The output format.
    package var format: ReportFormat
    /// Command-line settings that override the experiment file.
    package var overrides: AnalysisOverrides
    /// Whether text output may use colour.
    package var useColor: Bool
    /// The moment the decision is taken (the planned-duration rule compares with it).
    package var now: Date

    /// Creates a runner.
    package init(
        experimentPath: String? = nil, input: Input, format: ReportFormat = .text,
        overrides: AnalysisOverrides = AnalysisOverrides(), useColor: Bool = false, now: Date = Date()
    ) {
        self.experimentPath = experimentPath
        self.input = input
        self.format = format
        self.overrides = overrides
        self.useColor = useColor
        self.now = now
    }

    /// Creates a runner with fixed options and no experiment file.
    package init(input: Input, format: ReportFormat = .text, options: AnalysisOptions, useColor: Bool = false) {
        self.init(input: input, format: format, overrides: AnalysisOverrides(
            alpha: options.alpha, correction: options.correction, correctionScope: options.correctionScope,
            prior: (options.priorAlpha, options.priorBeta), alternative: options.alternative,
            sequentialMethod: options.sequential?.method, plannedUnitsPerVariant: options.sequential?.plannedUnitsPerVariant,
            looks: options.sequential?.looks, look: options.sequential?.look, spending: options.sequential?.spending,
            cuped: options.cuped), useColor: useColor)
    }

    /// Runs the command and returns what to print and the exit code.
    package func run() -> CommandOutput {
        do {
            return CommandOutput(standardOutput: try render(try analyze()))
        } catch {
            return .failure(error)
        }
    }

    /// The analysis result, with its decision when an experiment file is given.
    package func analyze() throws -> AnalysisResult {
        let spec = try experimentPath.map(ExperimentFile.load)
        var options = overrides.applied(to: try spec?.analysisOptions() ?? AnalysisOptions())
        options.doses = spec?.dosesByVariant
        try options.validate()
        var summary: SummaryFile
        let path: String
        switch input {
        case let .summary(summaryPath):
            path = summaryPath
            summary = try SummaryFile.load(from: path)
            if let spec { try reconcile(&summary, with: spec, summaryPath: path) }
        case let .collection(collection):
            guard let spec else {
                throw ABKitError.usage("--\(collection.kind.rawValue) needs --experiment FILE: its metrics say what to compute")
            }
            path = collection.sourceName
            summary = try collection.checkedSummary(for: spec)
        case let .prepared(prepared, source):
            path = source
            summary = prepared
            // Computed by a query, not written by the user: problems name the source, metric and variant.
            try summary.validateCollected(sources: source)
            if let spec { try reconcile(&summary, with: spec, summaryPath: path) }
        }
        var result: AnalysisResult
        do {
            result = try SummaryAnalyzer(options: options).analyze(summary, path: path)
        } catch let error as StatsError {
            throw ABKitError.badData(path: path, location: "", message: error.localizedDescription)
        }
        if let data = summary.data { result.data = data }
        if let spec, let holdout = spec.holdoutAnalysis {
            let reach = try spec.collectorPlan().metrics.map(\.reachMilliseconds).filter { $0 != .max }.max()
            result.holdout = holdout.status(timeline: summary.timeline, longestWindowDays: reach.map { Double($0) / 86_400_000 })
        }
        if let spec {
            result.decision = DecisionEngine(policy: spec.decisionPolicy())
                .decide(result, assignmentDrift: result.data.assignmentDriftShare, now: now)
        }
        return result
    }

    /// The summary the analysis reads: the summary file, or the collected events or user tables.
    package func summary() throws -> SummaryFile {
        switch input {
        case let .summary(path): return try SummaryFile.load(from: path)
        case let .prepared(summary, _): return summary
        case let .collection(collection):
            guard let experimentPath else {
                throw ABKitError.usage("--\(collection.kind.rawValue) needs --experiment FILE: its metrics say what to compute")
            }
            return try collection.summary(for: try ExperimentFile.load(experimentPath))
        }
    }

    /// Renders `result` in the chosen format.
    package func render(_ result: AnalysisResult) throws -> String {
        switch format {
        case .text: return TextReport(useColor: useColor).render(result)
        case .json: return try ResultJSON.encode(result) + "\n"
        case .markdown: return MarkdownReport().render(result)
        case .html: return HTMLReport().render(result)
        }
    }

    /// Checks that the summary belongs to the experiment, and takes the weights from the
    /// experiment file when the summary has none.
    private func reconcile(_ summary: inout SummaryFile, with spec: ExperimentSpec, summaryPath: String) throws {
        guard summary.experiment == spec.id else {
            throw ABKitError.badData(path: summaryPath, location: "experiment",
                                     message: "is '\(summary.experiment)', but the experiment file is for '\(spec.id)'")
        }
        if let control = spec.control?.key, control != summary.control {
            throw ABKitError.badData(path: summaryPath, location: "control",
                                     message: "is '\(summary.control)', but the experiment file's control is '\(control)'")
        }
        if summary.weights == nil {
            // Renormalise, so that a summary of some of the variants is checked against their share.
            let weights = spec.weightsByVariant.filter { summary.variantKeys.contains($0.key) }
            let total = weights.values.reduce(0, +)
            if total > 0 { summary.weights = weights.mapValues { $0 / total } }
        }
    }
}
