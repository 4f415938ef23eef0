import ABAssign
import Foundation
import PostgresNIO

/// GrowthBook sticky-bucket documents in a PostgreSQL table, for servers and for
/// `abkit assign --sticky-store postgres://…`: one row per (identifier, assignment key), so a
/// save is an upsert of the document's rows and never rewrites another experiment's or another
/// user's assignment.
///
/// The store is asynchronous, as every network store is; evaluation is synchronous
/// (``StickyBucketStore``), so read the documents of the users at hand with
/// ``documents(attributeName:values:)`` (or ``allDocuments()``), evaluate against an
/// ``InMemoryStickyBucketStore`` holding them, then ``save(contentsOf:)`` what it changed.
///
/// Concurrent writers lose nothing: each row is written by `INSERT … ON CONFLICT DO UPDATE`,
/// which PostgreSQL makes atomic per row, and a batch commits as one statement.
public final class PostgresStickyBucketStore: Sendable {
    /// The table, `abkit_sticky_buckets` unless named otherwise.
    public let table: String
    private let warehouse: PostgresWarehouse

    /// The table the CLI uses.
    public static let defaultTable = "abkit_sticky_buckets"

    private init(warehouse: PostgresWarehouse, table: String) {
        self.warehouse = warehouse
        self.table = table
    }

    /// Connects to `location` and creates the table when missing.
    public static func open(_ location: PostgresLocation, table: String = defaultTable) async throws -> PostgresStickyBucketStore {
        let warehouse = try await PostgresWarehouse.connect(location)
        let store = PostgresStickyBucketStore(warehouse: warehouse, table: table)
        do {
            try await warehouse.execute("""
                CREATE TABLE IF NOT EXISTS \(store.quotedTable) (
                  attribute_name TEXT NOT NULL, attribute_value TEXT NOT NULL,
                  assignment_key TEXT NOT NULL, variation TEXT NOT NULL,
                  PRIMARY KEY (attribute_name, attribute_value, assignment_key))
                """)
        } catch {
            // Two processes creating the table at once: one wins, and the other fails although the
            // table now exists, with whichever catalog conflict the timing gives ("relation" or
            // "type already exists", a unique violation). So ask whether the table is there.
            let exists = !((try? await warehouse.columns(of: table)) ?? []).isEmpty
            if !exists { await warehouse.close(); throw error }
        }
        return store
    }

    /// Closes the connection.
    public func close() async {
        await warehouse.close()
    }

    private var quotedTable: String { warehouse.dialect.quoteQualified(table) }

    /// Every stored document, by document key.
    public func allDocuments() async throws -> [String: StickyBucketDocument] {
        try await fetch("SELECT attribute_name, attribute_value, assignment_key, variation FROM \(quotedTable)", PostgresBindings())
    }

    /// The documents of the identifiers `values` under `attributeName`, by document key;
    /// identifiers without one are absent.
    public func documents(attributeName: String, values: [String]) async throws -> [String: StickyBucketDocument] {
        var bindings = PostgresBindings()
        bindings.append(attributeName)
        bindings.append(values)
        return try await fetch("""
            SELECT attribute_name, attribute_value, assignment_key, variation FROM \(quotedTable)
            WHERE attribute_name = $1 AND attribute_value = ANY($2)
            """, bindings)
    }

    /// Upserts every assignment of `documents` in one statement (one transaction).
    public func save(contentsOf documents: [StickyBucketDocument]) async throws {
        // One row per (identifier, assignment key), the later document's variation winning, as
        // consecutive saves would: ON CONFLICT cannot touch a row twice in one statement.
        var merged: [String: StickyBucketDocument] = [:], order: [String] = []
        for document in documents {
            if merged[document.key] == nil { order.append(document.key) }
            merged[document.key, default: StickyBucketDocument(attributeName: document.attributeName, attributeValue: document.attributeValue)]
                .assignments.merge(document.assignments) { $1 }
        }
        var names: [String] = [], values: [String] = [], keys: [String] = [], variations: [String] = []
        for document in order.compactMap({ merged[$0] }) {
            for (key, variation) in document.assignments.sorted(by: { $0.key < $1.key }) {
                names.append(document.attributeName)
                values.append(document.attributeValue)
                keys.append(key)
                variations.append(variation)
            }
        }
        guard !names.isEmpty else { return }
        var bindings = PostgresBindings()
        bindings.append(names)
        bindings.append(values)
        bindings.append(keys)
        bindings.append(variations)
        try await run("""
            INSERT INTO \(quotedTable) (attribute_name, attribute_value, assignment_key, variation)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
            ON CONFLICT (attribute_name, attribute_value, assignment_key) DO UPDATE SET variation = excluded.variation
            """, bindings)
    }

    private func fetch(_ sql: String, _ bindings: PostgresBindings) async throws -> [String: StickyBucketDocument] {
        var found: [String: StickyBucketDocument] = [:]
        do {
            let rows = try await warehouse.connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: warehouse.logger)
            for try await row in rows {
                let (name, value, key, variation) = try row.decode((String, String, String, String).self)
                let documentKey = StickyBucketDocument.key(attributeName: name, attributeValue: value)
                found[documentKey, default: StickyBucketDocument(attributeName: name, attributeValue: value)].assignments[key] = variation
            }
        } catch {
            throw StickyBucketStoreError(kind: .io, path: description, message: PostgresWarehouse.describe(error))
        }
        return found
    }

    private func run(_ sql: String, _ bindings: PostgresBindings) async throws {
        do {
            let rows = try await warehouse.connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: warehouse.logger)
            for try await _ in rows {}
        } catch {
            throw StickyBucketStoreError(kind: .io, path: description, message: PostgresWarehouse.describe(error))
        }
    }

    /// The server and table, for messages (no password).
    public var description: String { "\(warehouse.location.description) table \(table)" }
}
