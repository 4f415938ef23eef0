import ABStats

/// `abkit analyze`: reads the input, runs the analysis and renders the report.
public struct AnalyzeRunner: Sendable {
    /// Where the sufficient statistics come from.
    public enum Input: Sendable, Equatable {
        /// A summary file (DESIGN.md), or "-" for standard input.
        case summary(path: String)
    }

    /// The input.
    public var input: Input
    /// The output format.
    public var format: ReportFormat
    /// Analysis settings.
    public var options: AnalysisOptions
    /// Whether text output may use colour.
    public var useColor: Bool

    /// Creates a runner.
    public init(input: Input, format: ReportFormat = .text, options: AnalysisOptions = AnalysisOptions(), useColor: Bool = false) {
        self.input = input
        self.format = format
        self.options = options
        self.useColor = useColor
    }

    /// Runs the command and returns what to print and the exit code.
    public func run() -> CommandOutput {
        do {
            let result = try analyze()
            return CommandOutput(standardOutput: try render(result))
        } catch {
            return .failure(error)
        }
    }

    /// The analysis result, for callers that want the structure rather than text.
    public func analyze() throws -> AnalysisResult {
        try options.validate()
        switch input {
        case let .summary(path):
            let summary = try SummaryFile.load(from: path)
            do {
                return try SummaryAnalyzer(options: options).analyze(summary, path: path)
            } catch let error as StatsError {
                throw ABKitError.badData(path: path, location: "", message: error.localizedDescription)
            }
        }
    }

    /// Renders `result` in the chosen format.
    public func render(_ result: AnalysisResult) throws -> String {
        switch format {
        case .text: return TextReport(useColor: useColor).render(result)
        case .json: return try ResultJSON.encode(result) + "\n"
        case .markdown: return MarkdownReport().render(result)
        }
    }
}
