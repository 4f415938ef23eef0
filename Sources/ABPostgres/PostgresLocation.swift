import ABWarehouse
import Foundation

/// Where a PostgreSQL database is: `postgres://USER@HOST:PORT/DB[?sslmode=disable|prefer|require]`.
///
/// The password never appears on the command line: it comes from `PGPASSWORD`, or from the
/// password file (`PGPASSFILE`, else `~/.pgpass`, lines `host:port:database:user:password` with
/// `*` wildcards), as libpq reads them.
public struct PostgresLocation: Sendable, Equatable {
    /// How to use TLS, as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it (libpq's default); the certificate is not verified.
        case prefer
        /// TLS always; the certificate is not verified.
        case require
        /// TLS always, with the certificate verified against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// The password, from the environment or the password file.
    public var password: String?

    /// Parses `url`; `environment` supplies `PGPASSWORD`, `PGPASSFILE` and `HOME`.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(WarehouseError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw .badLocation("expected postgres://USER@HOST:PORT/DB, got '\(url)'")
        }
        if components.password != nil {
            throw .badLocation("put no password in the URL (it would show in the process list and shell history); set PGPASSWORD or use ~/.pgpass")
        }
        guard let host = components.host, !host.isEmpty else { throw .badLocation("the URL '\(url)' names no host") }
        self.host = host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw .badLocation("sslmode must be disable, prefer, require or verify-full (got '\(mode)')")
        }
        self.tls = tls
        password = environment["PGPASSWORD"] ?? Self.passwordFile(environment).flatMap {
            Self.password(in: $0, host: host, port: port, database: database, user: user)
        }
    }

    /// The URL without password, for messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The password file's text, when it exists and is not readable by group or others (libpq's rule).
    private static func passwordFile(_ environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0
        else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The password of the first matching line of a password file.
    static func password(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var current = ""
            var escaped = false
            for ch in line {
                if escaped { current.append(ch); escaped = false }
                else if ch == "\\" { escaped = true }
                else if ch == ":" && fields.count < 4 { fields.append(current); current = "" }
                else { current.append(ch) }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
