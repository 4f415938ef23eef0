@testable import ABCommandLine
import ABPostgres
import ABWarehouse
import Foundation
import Testing

/// The engines the warehouse tests run on: PostgreSQL at `ABKIT_TEST_POSTGRES=postgres://USER@HOST:PORT/DB`
/// (password in PGPASSWORD; `.ci/start-postgres` starts one) and Spark Connect at
/// `ABKIT_TEST_SPARK=sc://HOST:PORT` (`.ci/start-spark` starts one). An engine without its
/// variable is skipped, except under CI, where every engine runs and a missing server fails.
enum TestServer {
    /// A warehouse engine under test.
    enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case postgresql, spark

        /// The environment variable that names its server.
        var variable: String {
            switch self {
            case .postgresql: "ABKIT_TEST_POSTGRES"
            case .spark: "ABKIT_TEST_SPARK"
            }
        }

        var url: String? { ProcessInfo.processInfo.environment[variable] }
        var testDescription: String { rawValue }
    }

    static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"
    /// The engines to test: those with a server named, and all of them under CI.
    static let engines = Engine.allCases.filter { underCI || $0.url != nil }
    /// PostgreSQL's URL, for the tests of PostgreSQL itself.
    static let url = Engine.postgresql.url
    static let enabled = url != nil || underCI
    static let anyEngine = !engines.isEmpty
    static let skipMessage: Comment = "no PostgreSQL server: set ABKIT_TEST_POSTGRES=postgres://USER@HOST:PORT/DB (eval \"$(.ci/start-postgres)\")"
    static let skipEnginesMessage: Comment =
        "no warehouse server: set ABKIT_TEST_POSTGRES (eval \"$(.ci/start-postgres)\") and/or ABKIT_TEST_SPARK (eval \"$(.ci/start-spark)\")"

    /// Creates a fresh PostgreSQL database, runs `body` with its URL, and drops it.
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        try await withDatabase(.postgresql, body)
    }

    /// Runs `body` with the URL of an empty place to load tables into: a fresh database on
    /// PostgreSQL; on Spark, the server's default database with the test tables and views dropped
    /// before and after (the suites run one test at a time).
    static func withDatabase<T>(_ engine: Engine, _ body: (String) async throws -> T) async throws -> T {
        let url = try #require(engine.url, "\(engine.variable) is not set")
        switch engine {
        case .postgresql:
            let admin = try await PostgresWarehouse.connect(try PostgresLocation(url: url))
            let name = "abkit_test_" + UUID().uuidString.prefix(8).lowercased()
            try await admin.execute("CREATE DATABASE \(admin.dialect.quoteIdentifier(name))")
            var components = URLComponents(string: url)!
            components.path = "/" + name
            do {
                let result = try await body(components.string!)
                try await admin.execute("DROP DATABASE \(admin.dialect.quoteIdentifier(name)) WITH (FORCE)")
                await admin.close()
                return result
            } catch {
                try? await admin.execute("DROP DATABASE \(admin.dialect.quoteIdentifier(name)) WITH (FORCE)")
                await admin.close()
                throw error
            }
        case .spark:
            let tables = ["events", "raw_events", "assignments"], views = ["events_text"]
            func dropTables() async throws {
                let engine = try await WarehouseConnector.connect(url)
                for view in views { try await engine.execute("DROP VIEW IF EXISTS \(engine.dialect.quoteIdentifier(view))", []) }
                for table in tables { try await engine.execute("DROP TABLE IF EXISTS \(engine.dialect.quoteIdentifier(table))", []) }
                await engine.close()
            }
            try await dropTables()
            do {
                let result = try await body(url)
                try await dropTables()
                return result
            } catch {
                try? await dropTables()
                throw error
            }
        }
    }

    /// Runs synchronous work (the commands' blocking entry points) on a thread of its own, so it
    /// never blocks the test's cooperative thread.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
