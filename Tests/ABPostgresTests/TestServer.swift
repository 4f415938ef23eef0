import ABPostgres
import ABWarehouse
import Foundation
import Testing

/// The PostgreSQL server the warehouse tests use: `ABKIT_TEST_POSTGRES=postgres://USER@HOST:PORT/DB`
/// (password in PGPASSWORD). `.ci/start-postgres` starts one. Without it the tests are skipped,
/// except under CI, where they run and fail so that a missing server never passes unnoticed.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["ABKIT_TEST_POSTGRES"]
    static let enabled = url != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    static let skipMessage: Comment = "no PostgreSQL server: set ABKIT_TEST_POSTGRES=postgres://USER@HOST:PORT/DB (eval \"$(.ci/start-postgres)\")"

    /// Creates a fresh database, runs `body` with its URL, and drops it.
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let url = try #require(url, "ABKIT_TEST_POSTGRES is not set")
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
    }

    /// Runs synchronous work (the commands' blocking entry points) on a thread of its own, so it
    /// never blocks the test's cooperative thread.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
