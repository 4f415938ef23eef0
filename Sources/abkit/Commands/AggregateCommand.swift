import ABCommandLine
import ABKit
import ArgumentParser

/// `abkit aggregate`: event logs or user tables to a summary file.
struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Collect event logs or user tables into a summary file of per-variant sufficient statistics.",
        discussion: """
            The summary (docs/summary-file.md) holds every metric of the experiment file per variant, funnel steps \
            and dimension slices, and a data block that accounts for every line. `abkit analyze --summary` \
            of it gives the same result as `abkit analyze --events`. Exit codes: 0, 64 usage, 65 bad data \
            (with --strict: any rejected line), 66 missing input.
            """)

    @Option(name: .long, help: ArgumentHelp("Experiment file whose metrics are computed.", valueName: "file"))
    var experiment: String

    @OptionGroup var data: CollectionOptions

    @OptionGroup var warehouse: WarehouseOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Write the summary here instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard !structureOnly else { return }
        let collection = try data.collection(), source = try warehouse.source()
        if collection == nil, source == nil { throw ValidationError("Give the data with --events FILE..., --users FILE or --warehouse URL.") }
        if collection != nil, source != nil { throw ValidationError("Give --events, --users or --warehouse, not several.") }
    }

    func run() throws {
        if let source = try warehouse.source() {
            do {
                let summary = try warehouse.summary(source, experiment: experiment, data: data)
                // Computed by a query, not written by the user: problems name the source, metric and variant.
                try summary.validateCollected(sources: source.url)
                return try emit(AggregateRunner.output(summary, to: output))
            } catch let error as ABKitError {
                return try emit(.failure(error))
            }
        }
        try emit(AggregateRunner(experimentPath: experiment, collection: try data.collection()!, outputPath: output).run())
    }
}
