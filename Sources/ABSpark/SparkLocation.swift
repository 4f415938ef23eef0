import ABWarehouse
import Foundation

/// Where a Spark Connect server is: `sc://HOST[:PORT][/;user_id=NAME]`, Spark Connect's own
/// connection string (the port defaults to 15002).
///
/// Tokens and TLS are not supported: ABKit talks plaintext gRPC to a server on a trusted network,
/// such as a local one or one behind an authenticating proxy.
public struct SparkLocation: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// The gRPC port.
    public var port: Int
    /// The user the session runs as.
    public var userID: String

    /// Parses a connection string.
    public init(url: String) throws(WarehouseError) {
        guard url.lowercased().hasPrefix("sc://") else { throw .badLocation("expected sc://HOST:PORT, got '\(url)'") }
        let rest = url.dropFirst(5)
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let authority = String(parts[0])
        var parameters: [String: String] = [:]
        if parts.count == 2 {
            for item in parts[1].split(separator: ";") where !item.isEmpty {
                let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, !pair[0].isEmpty else { throw .badLocation("expected ;name=value parameters, got '\(item)' in '\(url)'") }
                parameters[pair[0]] = pair[1].removingPercentEncoding ?? pair[1]
            }
        }
        for name in parameters.keys.sorted() where !["user_id"].contains(name) {
            throw .badLocation("the parameter '\(name)' is not supported (only user_id; no token or TLS)")
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
        self.host = host
        self.port = port
        self.userID = parameters["user_id"] ?? "abkit"
    }

    /// The location as messages show it.
    public var description: String { "sc://\(host):\(port)" }
}
