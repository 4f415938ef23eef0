import Foundation

/// Why a warehouse analysis cannot run.
public enum WarehouseError: Error, Sendable, Equatable, LocalizedError {
    /// The experiment cannot be expressed as a warehouse query.
    case unsupported(String)
    /// The warehouse answered with rows the summary cannot be built from.
    case badResult(String)

    public var errorDescription: String? {
        switch self {
        case let .unsupported(message): "warehouse: \(message)"
        case let .badResult(message): "warehouse: unexpected result: \(message)"
        }
    }
}
