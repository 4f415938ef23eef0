import Foundation

/// Runs async work to completion from synchronous code (the `abkit` commands and the ABKit
/// runners are synchronous): the work runs on the cooperative pool while this thread waits.
/// Never call it from inside an async context.
package func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = BlockingOutcome<T>()
    Task {
        do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
        outcome.done.signal()
    }
    outcome.done.wait()
    return try outcome.result!.get()
}

/// The result of a ``blocking(_:)`` call: written by the task before it signals, read after the wait.
private final class BlockingOutcome<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
    let done = DispatchSemaphore(value: 0)
}
