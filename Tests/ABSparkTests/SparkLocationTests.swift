import GRPCCore
import ABWarehouse
import Testing
@testable import ABSpark

@Suite("Spark Connect connection strings")
struct SparkLocationTests {
    @Test("host, port, user")
    func parse() throws {
        let location = try SparkLocation(url: "sc://spark.example.com:443/;user_id=ana")
        #expect(location.host == "spark.example.com" && location.port == 443 && location.userID == "ana")
        #expect(try SparkLocation(url: "sc://localhost").port == 15002)
        #expect(try SparkLocation(url: "sc://127.0.0.1:15002").description == "sc://127.0.0.1:15002")
    }

    @Test("TLS, session, headers and a token from the environment")
    func parameters() throws {
        let location = try SparkLocation(
            url: "sc://dbc.example.com:443/;use_ssl=true;session_id=abc;x-databricks-cluster-id=0123",
            environment: ["SPARK_CONNECT_TOKEN": "dapi-secret"])
        #expect(location.useTLS && location.sessionID == "abc" && location.token == "dapi-secret")
        #expect(location.headers == [SparkLocation.Header(name: "x-databricks-cluster-id", value: "0123")])
        #expect(!location.description.contains("secret"))
        let metadata = SparkConnectClient(location: location).metadata
        #expect(Array(metadata[stringValues: "authorization"]) == ["Bearer dapi-secret"])
        // A token goes over TLS, or to this machine only.
        #expect(throws: WarehouseError.self) { try SparkLocation(url: "sc://remote:15002", environment: ["SPARK_CONNECT_TOKEN": "t"]) }
        #expect(try SparkLocation(url: "sc://127.0.0.1:15002", environment: ["SPARK_CONNECT_TOKEN": "t"]).token == "t")
    }

    @Test("what is refused, with the reason", arguments: [
        ("postgres://h/db", "expected sc://HOST:PORT"),
        ("sc://:15002", "names no host"),
        ("sc://h:99999", "expected a port from 1 to 65535"),
        ("sc://h:15002/;token=secret", "put no token in the URL"),
        ("sc://h:15002/;use_ssl=maybe", "use_ssl must be true or false"),
        ("sc://h:15002/;user_id", "expected ;name=value"),
    ])
    func refused(url: String, reason: String) {
        let error = #expect(throws: WarehouseError.self) { try SparkLocation(url: url) }
        #expect(error?.code == .badLocation && (error?.message.contains(reason) ?? false), "\(String(describing: error))")
    }
}

@Suite("Load rows for engines that insert them")
struct LoadRowsTests {
    @Test("tabs, escapes and NULL, as EventLoadReader writes them")
    func parse() throws {
        let chunk = Array("a\\tb\t\\N\t\\\\N\n\tx\\ny\t\\r\n".utf8)
        let rows = try LoadRows.parse(chunk, columns: 3)
        #expect(rows == [["a\tb", nil, "\\N"], ["", "x\ny", "\r"]])
        #expect(throws: WarehouseLoadError.self) { try LoadRows.parse(Array("a\tb\n".utf8), columns: 3) }
    }
}

@Suite("Spark's error messages")
struct SparkErrorMessageTests {
    @Test("the plan is dropped and the query line shown")
    func analysis() {
        let message = "[TABLE_OR_VIEW_NOT_FOUND] The table or view `x` cannot be found. SQLSTATE: 42P01; line 2 pos 7;\n'Project [*]\n+- 'UnresolvedRelation"
        let text = SparkConnectClient.analysisMessage(message, sql: "SELECT *\n  FROM `x` e\nWHERE 1 = 1")
        #expect(text == "[TABLE_OR_VIEW_NOT_FOUND] The table or view `x` cannot be found. SQLSTATE: 42P01; line 2 pos 7 — at query line 2, column 8: FROM `x` e")
    }
}
