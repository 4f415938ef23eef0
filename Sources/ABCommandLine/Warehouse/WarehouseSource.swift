import ABPostgres
import ABSummary
import ABEvents
import ABKit
import ABWarehouse
import Foundation

/// A PostgreSQL events table as the data of `abkit analyze`, `gate` and `aggregate`: the
/// experiment's metrics are computed in the database and only their sufficient statistics come back.
package struct WarehouseSource: Sendable, Equatable {
    /// `postgres://USER@HOST:PORT/DB`.
    package var url: String
    /// The events table (and the assignments table, if any).
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
    package func summary(for spec: ExperimentSpec, progress: Bool = false) throws -> SummaryFile {
        let source = self
        let meter = progress ? ProgressMeter(label: "waiting for \(WarehouseConnector.displayName(url))", total: nil, unit: .elapsed, enabled: true) : nil
        defer { meter?.finish() }
        return try blocking { try await source.summary(for: spec) }
    }

    /// Runs the experiment's query in the engine the URL names and returns its summary.
    package func summary(for spec: ExperimentSpec) async throws -> SummaryFile {
        do {
            guard let control = spec.control?.key else { throw ABKitError.usage("the experiment file has no variants") }
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
            throw ABKitError(warehouse: error, url: url)
        }
    }
}
