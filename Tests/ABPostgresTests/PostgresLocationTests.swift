import ABWarehouse
import Testing
@testable import ABPostgres

@Suite("--warehouse URLs and passwords")
struct PostgresLocationTests {
    @Test("user, host, port, database and sslmode; the password only from the environment")
    func parse() throws {
        let location = try PostgresLocation(url: "postgres://ana@db.example:6543/shop?sslmode=disable", environment: ["PGPASSWORD": "s3cret"])
        #expect(location.user == "ana" && location.host == "db.example" && location.port == 6543 && location.database == "shop")
        #expect(location.tls == .disable && location.password == "s3cret")
        #expect(location.description == "postgres://ana@db.example:6543/shop")
        let defaults = try PostgresLocation(url: "postgresql://bo@localhost", environment: [:])
        #expect(defaults.port == 5432 && defaults.database == "bo" && defaults.tls == .prefer && defaults.password == nil)
        #expect(throws: WarehouseError.self) { try PostgresLocation(url: "postgres://ana:pw@h/db", environment: [:]) }
        #expect(throws: WarehouseError.self) { try PostgresLocation(url: "mysql://ana@h/db", environment: [:]) }
        #expect(throws: WarehouseError.self) { try PostgresLocation(url: "postgres://ana@h/db?sslmode=maybe", environment: [:]) }
    }

    @Test(".pgpass lines: wildcards, escapes, first match wins")
    func passwordFile() {
        let file = """
            # comment
            other:5432:*:ana:nope
            db:5432:shop:ana:pa\\:ss\\\\word
            *:*:*:ana:fallback
            """
        #expect(PostgresLocation.password(in: file, host: "db", port: 5432, database: "shop", user: "ana") == "pa:ss\\word")
        #expect(PostgresLocation.password(in: file, host: "db", port: 5433, database: "shop", user: "ana") == "fallback")
        #expect(PostgresLocation.password(in: file, host: "db", port: 5432, database: "shop", user: "bo") == nil)
    }
}
