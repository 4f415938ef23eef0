@testable import ABCommandLine
import ABKit
import ABWarehouse
import Foundation
import Testing
@testable import ABPostgres

/// Issue 15: a refused connection was "cannot read the file: warehouse: cannot connect: connectionError: … errno: 111".
@Suite("PostgresWarehouse connection failures")
struct PostgresWarehouseTests {
    @Test("a closed loopback port: connection refused, with what to check (exit 66)")
    func refused() async throws {
        // Port 1 (tcpmux) is not served on a test machine, so connecting is refused at once.
        let experiment = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Experiments/welcome-message-timing.json").path
        let spec = try ExperimentFile.load(experiment)
        let source = WarehouseSource(url: "postgres://abkit@127.0.0.1:1/abkit", table: WarehouseTable(events: "events"))
        do {
            _ = try await source.summary(for: spec)
            Issue.record("port 1 must refuse the connection")
        } catch let error as ABKitError {
            #expect(error == .unreachable(message: "cannot connect to PostgreSQL at 127.0.0.1:1: connection refused (is the server running?)"))
            #expect(error.exitCode == .noInput)
            #expect(CommandOutput.failure(error).standardError
                    == "error: cannot connect to PostgreSQL at 127.0.0.1:1: connection refused (is the server running?)\n")
        }
    }
}
