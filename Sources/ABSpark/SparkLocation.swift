import ABWarehouse
import Foundation

/// Where a Spark Connect server is, as Spark Connect's connection string says:
/// `sc://HOST[:PORT][/;use_ssl=true;user_id=NAME;session_id=UUID;NAME=VALUE…]` (the port defaults
/// to 15002). Other parameters become gRPC headers (e.g. `x-databricks-cluster-id`).
///
/// A token is read from the environment (`SPARK_CONNECT_TOKEN`), never from the URL (it would
/// show in the process list and shell history), and sent only over TLS unless the host is this
/// machine.
public struct SparkLocation: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// The gRPC port.
    public var port: Int
    /// The user the session runs as.
    public var userID: String
    /// Whether to use TLS (with the system's trust roots).
    public var useTLS: Bool
    /// A session to join, when the string names one.
    public var sessionID: String?
    /// The bearer token, from the environment.
    public var token: String?
    /// Extra gRPC headers, in the order given.
    public var headers: [Header]

    /// A gRPC header from a connection-string parameter.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// Parses a connection string; `environment` supplies `SPARK_CONNECT_TOKEN`.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(WarehouseError) {
        guard url.lowercased().hasPrefix("sc://") else { throw .badLocation("expected sc://HOST:PORT, got '\(url)'") }
        let rest = url.dropFirst(5)
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let authority = String(parts[0])
        var userID = "abkit", useTLS = false, sessionID: String?, headers: [Header] = []
        if parts.count == 2 {
            for item in parts[1].split(separator: ";") where !item.isEmpty {
                let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, !pair[0].isEmpty else { throw .badLocation("expected ;name=value parameters, got '\(item)' in '\(url)'") }
                let value = pair[1].removingPercentEncoding ?? pair[1]
                switch pair[0] {
                case "token":
                    throw .badLocation("put no token in the URL (it would show in the process list and shell history); set SPARK_CONNECT_TOKEN")
                case "user_id": userID = value
                case "session_id": sessionID = value
                case "use_ssl":
                    guard ["true", "false"].contains(value.lowercased()) else { throw .badLocation("use_ssl must be true or false, got '\(value)'") }
                    useTLS = value.lowercased() == "true"
                default: headers.append(Header(name: pair[0].lowercased(), value: value))
                }
            }
        }
        let hostPort = authority.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let host = hostPort.first, !host.isEmpty, hostPort.count <= 2 else {
            throw .badLocation("the connection string '\(url)' names no host (expected sc://HOST:PORT)")
        }
        var port = 15002
        if hostPort.count == 2 {
            guard let number = Int(hostPort[1]), (1...65535).contains(number) else {
                throw .badLocation("expected a port from 1 to 65535, got '\(hostPort[1])' in '\(url)'")
            }
            port = number
        }
        let token = environment["SPARK_CONNECT_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if token != nil, !useTLS, !["localhost", "127.0.0.1", "::1"].contains(host.lowercased()) {
            throw .badLocation("SPARK_CONNECT_TOKEN is set but the connection to \(host) is not encrypted: add ;use_ssl=true")
        }
        self.host = host
        self.port = port
        self.userID = userID
        self.useTLS = useTLS
        self.sessionID = sessionID
        self.token = token
        self.headers = headers
    }

    /// The location as messages show it (never the token).
    public var description: String { "sc://\(host):\(port)" }
}
