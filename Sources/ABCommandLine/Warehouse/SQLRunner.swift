import Foundation
import ABWarehouse
import ABSummary
import ABEvents
import ABKit

extension ExperimentSpec {
    /// The collector plan and the table with this experiment's field names as column names.
    package func warehousePlan(_ table: WarehouseTable) throws -> (plan: CollectorPlan, table: WarehouseTable) {
        let plan: CollectorPlan
        do { plan = try collectorPlan() } catch let error as CollectorError { throw ABKitError(error) }
        var table = table
        table.columns = EventColumns(plan.fields)
        return (plan, table)
    }

    /// The query that computes this experiment's summary over `table`.
    package func warehouseQuery(_ table: WarehouseTable, dialect: any SQLDialect = PostgreSQLDialect()) throws -> SQLQuery {
        let (plan, table) = try warehousePlan(table)
        do { return try SummaryQuery.make(plan: plan, table: table, dialect: dialect) } catch let error as WarehouseError {
            throw ABKitError.usage(error.localizedDescription)
        }
    }
}

/// `abkit sql`: prints the query that `abkit analyze --warehouse` runs, for an analyst to read
/// or run in a SQL console.
package struct SQLRunner: Sendable {
    /// The experiment file.
    package var experimentPath: String
    /// The events table.
    package var table: WarehouseTable
    /// Whether to write the values into the SQL as literals instead of listing the parameters.
    package var inlineValues: Bool
    /// The engine whose SQL is written.
    package var dialect: SQLDialectName

    /// Creates a runner.
    package init(experimentPath: String, table: WarehouseTable, inlineValues: Bool = false, dialect: SQLDialectName = .postgresql) {
        self.experimentPath = experimentPath
        self.table = table
        self.inlineValues = inlineValues
        self.dialect = dialect
    }

    /// Runs the command.
    package func run() -> CommandOutput {
        do {
            let spec = try ExperimentFile.load(experimentPath)
            let dialect = self.dialect.dialect
            let query = try spec.warehouseQuery(table, dialect: dialect)
            var text = "-- abkit sql: experiment \(comment(spec.id)) over \(comment(dialect.quoteQualified(table.events))) (\(dialect.name))\n"
            text += "-- One row per metric (metric_index) × slice (dimension_index, dimension_value) × variant, with units,\n"
            text += "-- events and censored units, and sums of the per-unit value y and of x (a CUPED covariate, or a ratio's\n"
            text += "-- denominator); bucket holds a funnel's depth or time to event's minutes. Part 1 rows are quantile\n"
            text += "-- metrics' distributions (bucket: per-unit value), part 2 rows the timeline (bucket: UTC day since 1970-01-01).\n"
            text += dialect.sessionSettings.map { $0 + ";\n" }.joined()
            if let files = table.files {
                guard let view = dialect.fileView(table.events, files: files) else {
                    throw ABKitError.usage("--events-path needs --dialect spark: \(dialect.name) reads tables")
                }
                text += view + ";\n"
            }
            if inlineValues {
                text += query.inlined(dialect)
            } else {
                text += "-- Parameters:\n"
                for (i, value) in query.parameters.enumerated() {
                    text += "--   $\(i + 1) = \(comment(dialect.literal(value)))\n"
                }
                text += query.text
            }
            return CommandOutput(standardOutput: (text.hasSuffix("\n") ? String(text.dropLast()) : text) + ";\n")
        } catch {
            return .failure(error)
        }
    }

    /// Text safe inside a `--` comment: line breaks shown as \n and \r.
    private func comment(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }
}
