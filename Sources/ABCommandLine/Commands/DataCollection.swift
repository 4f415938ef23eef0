import Foundation
import ABKit
import ABSummary
import ABEvents
import ABSQLite

/// Reads event logs or user tables for an experiment and returns their summary: the bridge
/// from ABEvents to the analysis, shared by `abkit analyze`, `abkit gate` and `abkit aggregate`.
package struct DataCollection: Sendable, Equatable {
    /// What kind of data the files hold.
    package enum Kind: String, Sendable, Equatable {
        /// Event logs (`--events`).
        case events
        /// User-level tables (`--users`).
        case users
    }

    /// Event logs or user tables.
    package var kind: Kind
    /// The files, `-` for standard input.
    package var paths: [String]
    /// Where rejected lines go (JSON lines); nowhere when nil (they are still counted).
    package var rejectsPath: String?
    /// Whether any rejected line fails the run (exit 65).
    package var strict: Bool
    /// SQLite tables or queries read after the files, row by row, with the same rules.
    package var sqlite: [SQLiteRows]
    /// The command named on a progress line drawn on standard error while the files are read;
    /// no line when nil (not a terminal, `--quiet`, tests).
    package var progressLabel: String?
    /// The end of observation (ISO 8601), overriding the experiment file's `analysis.asOf`:
    /// windowed metrics count only units whose window has closed by then.
    package var asOf: String?

    /// Creates a collection.
    package init(kind: Kind, paths: [String], rejectsPath: String? = nil, strict: Bool = false, sqlite: [SQLiteRows] = []) {
        self.kind = kind
        self.paths = paths
        self.rejectsPath = rejectsPath
        self.strict = strict
        self.sqlite = sqlite
    }

    /// The inputs as messages name them: the files, then the SQLite tables or queries.
    package var sourceName: String {
        (paths + sqlite.map(\.name)).joined(separator: ", ")
    }

    /// Collects every file and summarizes it for `spec`, checked as a summary file is, with problems
    /// in terms of the inputs (files, metric ids, variant keys): what `analyze` and `aggregate` read.
    package func checkedSummary(for spec: ExperimentSpec) throws -> SummaryFile {
        let summary = try summary(for: spec)
        try summary.validateCollected(sources: sourceName)
        return summary
    }

    /// Collects every file and summarizes it for `spec`, unchecked (the bandit keeps the prior for
    /// an arm without exposures, which a summary file may not have).
    package func summary(for spec: ExperimentSpec) throws -> SummaryFile {
        guard !paths.isEmpty || !sqlite.isEmpty else {
            throw ABKitError.usage("give at least one --\(kind.rawValue) FILE (or - for standard input), or --sqlite FILE with --table or --query")
        }
        guard let control = spec.control?.key else { throw ABKitError.usage("the experiment file has no variants") }
        let spec = try spec.observed(asOf: asOf)
        do {
            let plan = try spec.collectorPlan()
            let rejects = try RejectWriter(path: rejectsPath)
            let progress = progressLabel.map { ProgressMeter(label: $0, total: Self.totalBytes(paths), unit: .bytes, enabled: true) }
            defer { progress?.finish() }
            let collection: CollectionResult
            switch kind {
            case .events:
                guard plan.exposureEvent != nil else {
                    throw ABKitError.usage("the experiment file needs an \"exposure\": {\"event\": ...} section to read event logs")
                }
                collection = try collectEvents(plan, rejects: rejects, progress: progress)
            case .users:
                let collector = try UserTableCollector(plan: plan, rejects: rejects)
                collector.progress = progress
                for path in paths {
                    let source = try ByteSource(path: path)
                    try collector.ingest(source)
                    try source.checkComplete()
                }
                for rows in sqlite { try Self.read(rows) { source throws(CollectorError) in try collector.ingest(source) } }
                collection = collector.finish()
            }
            try settle(collection, rejects: rejects)
            let summary = collection.summary(control: control, weights: spec.weightsByVariant)
            return summary
        } catch let error as CollectorError {
            throw ABKitError(error)
        }
    }
}

extension DataCollection {
    /// Closes the rejects file, then fails as the run asks: any reject with `--strict`, and
    /// every line rejected always (a summary of zero units would only hide that the data, or
    /// the experiment file's `source.fields`, are wrong).
    package func settle(_ collection: CollectionResult, rejects: RejectWriter) throws {
        try rejects.finish()
        if strict, collection.accounting.rejected > 0, let first = rejects.first {
            throw CollectorError.strictRejects(
                count: collection.accounting.rejected, firstFile: first.file, firstLine: first.line, firstReason: first.reason)
        }
        if collection.accounting.accepted == 0, collection.accounting.rejected > 0 {
            let read = DataAccounting(collection.accounting).reconciliation
            let first = rejects.first.map { "; the first at \($0.file) line \($0.line): \($0.reason)" } ?? ""
            throw ABKitError.badData(path: sourceName, location: "", message: "every line was rejected (\(read))\(first)")
        }
    }

    /// Reads every event file, then the SQLite sources, into a collector for `plan` that
    /// `configure` may set up first (units' variants kept, labels given per unit).
    package func collectEvents(
        _ plan: CollectorPlan, rejects: RejectWriter, progress: ProgressMeter?, configure: (EventCollector) -> Void = { _ in }
    ) throws(CollectorError) -> CollectionResult {
        let collector = try EventCollector(plan: plan, rejects: rejects)
        collector.progress = progress
        configure(collector)
        for path in paths {
            let source = try ByteSource(path: path)
            collector.ingest(source)
            try source.checkComplete()
        }
        for rows in sqlite { try Self.read(rows) { collector.ingest($0) } }
        return collector.finish()
    }

    /// The files' sizes together, when every one is a regular file (not standard input or a pipe).
    static func totalBytes(_ paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? Int
            else { return nil }
            total += size
        }
        return total
    }

    /// Streams a SQLite source into `ingest`; a failing query surfaces as a read error.
    private static func read(_ rows: SQLiteRows, _ ingest: (ByteSource) throws(CollectorError) -> Void) throws(CollectorError) {
        let source = try rows.byteSource()
        try ingest(source)
        try source.checkComplete()
    }
}

extension ABKitError {
    /// The user-facing error of a collector failure, with the exit code docs/exit-codes.md gives it.
    package init(_ error: CollectorError) {
        switch error {
        case let .missingInput(path): self = .missingInput(path: path, reason: "no such file")
        case let .unreadable(path, reason): self = .missingInput(path: path, reason: reason)
        case let .unwritable(path, reason): self = .cannotWrite(path: path, reason: reason)
        case let .badInput(path, line, field, message):
            self = .badData(path: path, location: "line \(line)" + (field.map { ", field '\($0)'" } ?? ""), message: message)
        case let .badPlan(message): self = .usage(message)
        case let .strictRejects(count, file, line, reason):
            self = .badData(path: file, location: "line \(line)",
                            message: "\(reason) (\(count) line\(count == 1 ? "" : "s") rejected in all; --strict fails on any)")
        }
    }
}
