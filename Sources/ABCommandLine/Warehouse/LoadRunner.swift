import ABPostgres
import ABSummary
import ABEvents
import ABKit
import ABWarehouse
import Foundation

/// `abkit load`: bulk-loads JSONL or CSV event files into a PostgreSQL events table with COPY,
/// rejecting lines by the collector's rules, so the warehouse holds what the collector accepts.
package struct LoadRunner: Sendable {
    /// `postgres://USER@HOST:PORT/DB`.
    package var url: String
    /// The event files (`-` for standard input).
    package var paths: [String]
    /// The table, created when missing.
    package var table: String
    /// An experiment file: its field names, value properties and variants add its rules.
    package var experimentPath: String?
    /// Where rejected lines go (JSON lines).
    package var rejectsPath: String?
    /// Whether any rejected line fails the load (exit 65); nothing is committed then.
    package var strict: Bool
    /// Whether the files are assignments (CSV with a header, as `abkit assign --format csv` writes)
    /// rather than events: loaded as text columns named by the header.
    package var assignments: Bool
    /// Whether the bytes loaded are drawn on standard error as the load goes.
    package var showsProgress = false

    /// Creates a runner.
    package init(
        url: String, paths: [String], table: String = "events", experimentPath: String? = nil, rejectsPath: String? = nil,
        strict: Bool = false, assignments: Bool = false
    ) {
        self.assignments = assignments
        self.url = url
        self.paths = paths
        self.table = table
        self.experimentPath = experimentPath
        self.rejectsPath = rejectsPath
        self.strict = strict
    }

    /// Loads every file in one transaction and returns the accounting (for synchronous callers).
    package func load() throws -> CollectionAccounting {
        let runner = self
        return try blocking { try await runner.load() }
    }

    /// Loads every file in one transaction and returns the accounting.
    package func load() async throws -> CollectionAccounting {
        guard !paths.isEmpty else { throw ABKitError.usage("give at least one --events FILE (or - for standard input)") }
        do {
            let plan = try experimentPath.map { try ExperimentFile.load($0).collectorPlan() }
            let rejects = try RejectWriter(path: rejectsPath)
            let sources = try paths.map { try ByteSource(path: $0) }
            let warehouse = try await WarehouseConnector.connect(url)
            let progress = showsProgress
                ? ProgressMeter(label: "loading", total: DataCollection.totalBytes(paths), unit: .bytes, enabled: true) : nil
            defer { progress?.finish() }
            var reported = 0
            /// The next rows to copy, with the bytes read so far reported.
            func rows(_ next: () -> [UInt8]?) -> [UInt8]? {
                let chunk = next()
                if let progress {
                    let read = sources.reduce(0) { $0 + $1.fileBytesRead }
                    progress.advance(by: read - reported)
                    reported = read
                }
                return chunk
            }
            var accounting = CollectionAccounting()
            do {
                try await warehouse.beginLoad()
                if assignments {
                    for source in sources {
                        let reader = CSVTableReader(source: source, rejects: rejects)
                        guard let header = try reader.readHeader() else { continue }
                        try await warehouse.createTextTable(table, columns: header)
                        try await warehouse.bulkLoad(into: table, columns: header) { rows { reader.next() } }
                        // Stop at the first file that ended early, before copying the next ones.
                        try source.checkComplete()
                        accounting.linesRead += reader.accounting.linesRead
                        accounting.accepted += reader.accounting.accepted
                        accounting.rejectedByReason.merge(reader.accounting.rejectedByReason, uniquingKeysWith: +)
                    }
                } else {
                    let reader = EventLoadReader(sources: sources, plan: plan, rejects: rejects)
                    try await warehouse.createEventsTable(table, columns: EventColumns(plan?.fields ?? FieldNames()))
                    try await warehouse.bulkLoad(into: table, columns: reader.columns) { rows { reader.next() } }
                    accounting = reader.accounting
                }
                // A file that ended early (a read error, a corrupt gzip) loads nothing.
                for source in sources { try source.checkComplete() }
                try await warehouse.finishLoad(keeping: !(strict && accounting.rejected > 0), table: table)
                await warehouse.close()
            } catch {
                await warehouse.close()
                throw error
            }
            try rejects.finish()
            if strict, accounting.rejected > 0, let first = rejects.first {
                throw CollectorError.strictRejects(
                    count: accounting.rejected, firstFile: first.file, firstLine: first.line, firstReason: first.reason)
            }
            return accounting
        } catch let error as CollectorError {
            throw ABKitError(error)
        } catch {
            throw ABKitError(warehouse: error, url: url)
        }
    }

    /// Runs the command: the accounting line on standard error.
    package func run() -> CommandOutput {
        do {
            let accounting = try load()
            var line = "load: read \(accounting.linesRead) lines: \(accounting.accepted) loaded into \(table), \(accounting.rejected) rejected"
            if !accounting.rejectedByReason.isEmpty {
                line += " (" + accounting.rejectedByReason.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") + ")"
            }
            return CommandOutput(standardError: line + ", \(accounting.duplicates) duplicates\n")
        } catch {
            return .failure(error)
        }
    }
}

