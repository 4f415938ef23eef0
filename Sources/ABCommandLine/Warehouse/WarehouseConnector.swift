import ABKit
import ABPostgres
import ABSpark
import ABWarehouse
import Foundation

/// The engine a `--warehouse` URL names, by its scheme, and a connection to it: the one place
/// that knows the engines, so a new one is a case of ``SQLDialectName`` and a line here.
enum WarehouseConnector {
    /// The engine of `url`: `postgres://` or `postgresql://` is PostgreSQL.
    static func engine(of url: String) throws(WarehouseError) -> SQLDialectName {
        let scheme = url.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        for engine in SQLDialectName.allCases where engine.urlSchemes.contains(scheme) { return engine }
        let expected = SQLDialectName.allCases.map(\.urlExample).joined(separator: " or ")
        throw .badLocation("expected \(expected), got '\(url)'")
    }

    /// Connects to the engine `url` names.
    static func connect(_ url: String) async throws -> any WarehouseEngine {
        switch try engine(of: url) {
        case .postgresql: try await PostgresWarehouse.connect(try PostgresLocation(url: url))
        case .spark: try await SparkWarehouse.connect(try SparkLocation(url: url))
        }
    }

    /// The engine as messages name it: the URL without any password.
    static func displayName(_ url: String) -> String {
        guard let engine = try? engine(of: url) else { return "--warehouse" }
        switch engine {
        case .postgresql: return (try? PostgresLocation(url: url, environment: [:]).description) ?? "--warehouse"
        case .spark: return (try? SparkLocation(url: url).description) ?? "--warehouse"
        }
    }
}

extension SQLDialectName {
    /// The URL schemes that name this engine.
    var urlSchemes: [String] {
        switch self {
        case .postgresql: ["postgres", "postgresql"]
        case .spark: ["sc"]
        }
    }

    /// The URL form, for messages.
    var urlExample: String {
        switch self {
        case .postgresql: "postgres://USER@HOST:PORT/DB"
        case .spark: "sc://HOST:PORT"
        }
    }
}

extension ABKitError {
    /// The user-facing error of a warehouse failure: bad flags are usage errors (64), an
    /// unreachable engine missing input (66), a failing statement or unexpected rows bad data (65).
    /// A missing column names the experiment file (`experiment`) whose `source.fields` maps to it.
    init(warehouse error: any Error, url: String, experiment: String? = nil) {
        switch error {
        case let error as ABKitError: self = error
        case let error as WarehouseError:
            switch error.code {
            case .missingColumn:
                let message = error.missingColumn.map { missing in
                    switch missing.origin {
                    case .field: missing.message(setting: missing.settingName + (experiment.map { " in \($0)" } ?? ""))
                    case .propertiesColumn: missing.message(setting: "--properties-column; none when each property is a column")
                    }
                } ?? error.message
                self = .badData(path: WarehouseConnector.displayName(url), location: "", message: message)
            case .badLocation: self = .usage("--warehouse: \(error.message)")
            // An experiment the query cannot express is the user's to change.
            case .badName, .unsupported: self = .usage(error.localizedDescription)
            case .connection: self = .unreachable(message: error.message)
            default: self = .badData(path: WarehouseConnector.displayName(url), location: "", message: error.localizedDescription)
            }
        default: self = .badData(path: WarehouseConnector.displayName(url), location: "", message: error.localizedDescription)
        }
    }
}
