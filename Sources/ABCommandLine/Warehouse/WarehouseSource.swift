import ABPostgres
import ABSummary
import ABEvents
import ABKit
import ABWarehouse
import Foundation

/// A PostgreSQL events table as the data of `abkit analyze`, `gate` and `aggregate`: the
/// experiment's metrics are computed in the database and only their sufficient statistics come back.
public struct WarehouseSource: Sendable, Equatable {
    /// `postgres://USER@HOST:PORT/DB`.
    public var url: String
    /// The events table (and the assignments table, if any).
    public var table: WarehouseTable

    /// Names the data.
    public init(url: String, table: WarehouseTable) {
        self.url = url
        self.table = table
    }

    /// The generated query for `spec`, as `abkit sql` prints it.
    public func query(for spec: ExperimentSpec) throws -> SQLQuery {
        try spec.warehouseQuery(table)
    }

    /// Runs the experiment's query and returns its summary (for synchronous callers such as the commands).
    public func summary(for spec: ExperimentSpec) throws -> SummaryFile {
        let source = self
        return try blocking { try await source.summary(for: spec) }
    }

    /// Runs the experiment's query and returns its summary.
    public func summary(for spec: ExperimentSpec) async throws -> SummaryFile {
        do {
            guard let control = spec.control?.key else { throw ABKitError.usage("the experiment file has no variants") }
            let location = try PostgresLocation(url: url)
            let (plan, table) = try spec.warehousePlan(self.table)
            let warehouse = try await PostgresWarehouse.connect(location)
            do {
                let summary = try await warehouse.summary(plan: plan, table: table, control: control, weights: spec.weightsByVariant)
                await warehouse.close()
                return summary
            } catch {
                await warehouse.close()
                throw error
            }
        } catch {
            throw ABKitError(warehouse: error, url: url)
        }
    }
}

extension ABKitError {
    /// The user-facing error of a warehouse failure: bad flags are usage errors (64), an
    /// unreachable server missing input (66), a failing statement bad data (65).
    public init(warehouse error: any Error, url: String) {
        switch error {
        case let error as ABKitError: self = error
        case let error as PostgresWarehouseError:
            switch error {
            case .badLocation, .badName: self = .usage(error.localizedDescription)
            case let .connection(message): self = .unreachable(message: message)
            case .server: self = .badData(path: Self.warehouseName(url), location: "", message: error.localizedDescription)
            }
        case let error as WarehouseError:
            switch error {
            // An experiment the query cannot express is the user's to change (64); rows the
            // server answered that do not fit are bad data (65).
            case .unsupported: self = .usage(error.localizedDescription)
            case .badResult: self = .badData(path: Self.warehouseName(url), location: "", message: error.localizedDescription)
            }
        default: self = .badData(path: Self.warehouseName(url), location: "", message: error.localizedDescription)
        }
    }

    /// The database as messages name it: the URL without any password.
    private static func warehouseName(_ url: String) -> String {
        (try? PostgresLocation(url: url, environment: [:]).description) ?? "--warehouse"
    }
}
