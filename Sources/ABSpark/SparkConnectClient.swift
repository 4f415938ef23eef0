import ABWarehouse
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf

/// Runs SQL on a Spark Connect server (gRPC `spark.connect.SparkConnectService/ExecutePlan`) and
/// reads the result's Arrow batches. Each statement is one call in one session, so settings made
/// with `SET` hold for the statements after them.
final class SparkConnectClient: Sendable {
    let location: SparkLocation
    /// One session for every statement of this client (Spark keeps `SET` values per session): the
    /// connection string's, else a new one.
    let sessionID: String
    private static let executePlan = MethodDescriptor(fullyQualifiedService: "spark.connect.SparkConnectService", method: "ExecutePlan")

    init(location: SparkLocation) {
        self.location = location
        self.sessionID = location.sessionID ?? UUID().uuidString.lowercased()
    }

    /// The request headers: the bearer token and the connection string's other parameters.
    var metadata: Metadata {
        var metadata = Metadata()
        if let token = location.token { metadata.addString("Bearer \(token)", forKey: "authorization") }
        for header in location.headers { metadata.addString(header.value, forKey: header.name) }
        return metadata
    }

    /// The request that runs `sql` with `parameters` bound to `:p1`, `:p2`, … (``SparkSQLDialect``).
    func request(_ sql: String, parameters: [SQLValue]) -> Spark_Connect_ExecutePlanRequest {
        var statement = Spark_Connect_SQL()
        statement.query = sql
        for (i, value) in parameters.enumerated() {
            var literal = Spark_Connect_Expression.Literal()
            switch value {
            case let .text(s): literal.string = s
            case let .bigint(n): literal.long = n
            case let .double(x): literal.double = x
            }
            var expression = Spark_Connect_Expression()
            expression.literal = literal
            statement.namedArguments[SparkSQLDialect.parameterName(i + 1)] = expression
        }
        var relation = Spark_Connect_Relation()
        relation.sql = statement
        var plan = Spark_Connect_Plan()
        plan.root = relation
        var request = Spark_Connect_ExecutePlanRequest()
        request.sessionID = sessionID
        request.userContext.userID = location.userID
        request.clientType = "abkit"
        request.plan = plan
        return request
    }

    /// Runs `sql` and returns its result's columns (empty for a statement without rows).
    func execute(_ sql: String, parameters: [SQLValue] = []) async throws -> [ArrowColumn] {
        let request = self.request(sql, parameters: parameters)
        let transport = try HTTP2ClientTransport.Posix(
            target: .dns(host: location.host, port: location.port), transportSecurity: location.useTLS ? .tls : .plaintext)
        do {
            return try await withGRPCClient(transport: transport) { client in
                try await client.serverStreaming(
                    request: ClientRequest(message: request, metadata: metadata), descriptor: Self.executePlan,
                    serializer: ProtobufSerializer<Spark_Connect_ExecutePlanRequest>(),
                    deserializer: ProtobufDeserializer<Spark_Connect_ExecutePlanResponse>(), options: .defaults
                ) { response in
                    var reader = ArrowStreamReader()
                    for try await message in response.messages {
                        if case let .arrowBatch(batch)? = message.responseType { try reader.read(Array(batch.data)) }
                    }
                    return reader.columns
                }
            }
        } catch let error as RPCError {
            throw Self.describe(error, location: location, sql: sql)
        } catch let error as ArrowError {
            throw WarehouseError.badResult("Spark's Arrow result: \(error.description)")
        }
    }

    /// A gRPC failure as the user should see it: an unreachable server is a connection error
    /// naming it; anything else is the server's message about the statement.
    static func describe(_ error: RPCError, location: SparkLocation, sql: String) -> WarehouseError {
        switch error.code {
        case .unavailable, .deadlineExceeded:
            .connection("cannot connect to Spark Connect at \(location): \(error.message) (is the server running?)")
        case .unauthenticated, .permissionDenied:
            .connection("Spark Connect at \(location) refused the session: \(error.message)")
        default:
            .server(analysisMessage(error.message, sql: sql))
        }
    }

    /// Spark's message without the query plan it appends, and the line of the query it points at
    /// (`… SQLSTATE: 42P01; line 8 pos 9;` then the plan).
    static func analysisMessage(_ message: String, sql: String) -> String {
        var text = message
        if let plan = text.range(of: ";\n'") ?? text.range(of: ";\n") { text = String(text[..<plan.lowerBound]) }
        let firstLines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2).joined(separator: " ")
        guard let match = text.firstMatch(of: /line (\d+) pos (\d+)/), let line = Int(match.1), let column = Int(match.2) else {
            return firstLines
        }
        let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.indices.contains(line - 1) else { return firstLines }
        let source = lines[line - 1].trimmingCharacters(in: .whitespaces)
        return "\(firstLines) — at query line \(line), column \(column + 1): \(source)"
    }
}
