import ABPostgres
import ABSummary
import ABEvents
import ABKit
import ABWarehouse
import Foundation

/// A warehouse events table (or event files Spark reads) as the data of `abkit analyze`, `gate`
/// and `aggregate`: the experiment's metrics are computed in the engine and only their sufficient
/// statistics come back.
package struct WarehouseSource: Sendable, Equatable {
    /// `postgres://USER@HOST:PORT/DB` or `sc://HOST:PORT`.
    package var url: String
    /// The events table or files (and the assignments table, if any).
    package var table: WarehouseTable
    /// The end of observation (ISO 8601), overriding the experiment file's `analysis.asOf`.
    package var asOf: String?

    /// Names the data.
    package init(url: String, table: WarehouseTable) {
        self.url = url
        self.table = table
    }

    /// The generated query for `spec`, as `abkit sql` prints it.
    package func query(for spec: ExperimentSpec) throws -> SQLQuery {
        try spec.warehouseQuery(table)
    }

    /// Runs the experiment's query and returns its summary (for synchronous callers such as the commands).
    /// With `progress`, the time spent waiting for the engine is drawn on standard error.
    package func summary(for spec: ExperimentSpec, experimentPath: String? = nil, progress: Bool = false) throws -> SummaryFile {
        let source = self
        let meter = progress ? ProgressMeter(label: "waiting for \(WarehouseConnector.displayName(url))", total: nil, unit: .elapsed, enabled: true) : nil
        defer { meter?.finish() }
        return try blocking { try await source.summary(for: spec, experimentPath: experimentPath) }
    }

    /// Runs the experiment's query in the engine the URL names and returns its summary;
    /// `experimentPath` is named in errors about the columns its `source.fields` map to.
    package func summary(for spec: ExperimentSpec, experimentPath: String? = nil) async throws -> SummaryFile {
        do {
            guard let control = spec.control?.key else { throw ABKitError.usage("the experiment file has no variants") }
            if let files = table.files {
                let engine = try WarehouseConnector.engine(of: url)
                guard engine.dialect.fileView(table.events, files: files) != nil else {
                    throw ABKitError.usage(
                        "--events-path needs a Spark warehouse (--warehouse sc://HOST:PORT); \(engine.rawValue) reads tables: "
                            + "load the files with abkit load and give --events-table")
                }
            }
            let (plan, table) = try spec.observed(asOf: asOf).warehousePlan(self.table)
            let engine = try await WarehouseConnector.connect(url)
            do {
                let summary = try await engine.summary(plan: plan, table: table, control: control, weights: spec.weightsByVariant)
                await engine.close()
                return summary
            } catch {
                await engine.close()
                throw error
            }
        } catch {
            throw ABKitError(warehouse: error, url: url, experiment: experimentPath)
        }
    }
}
