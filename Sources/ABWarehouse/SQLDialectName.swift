/// The SQL dialects ABKit generates, by the name `abkit sql --dialect` takes. A new engine adds
/// a case here and the compiler lists every place that must learn it.
public enum SQLDialectName: String, Sendable, CaseIterable {
    /// PostgreSQL, through ``PostgreSQLDialect``.
    case postgresql
    /// Spark SQL (through Spark Connect), through ``SparkSQLDialect``.
    case spark

    /// The dialect that writes this engine's SQL.
    public var dialect: any SQLDialect {
        switch self {
        case .postgresql: PostgreSQLDialect()
        case .spark: SparkSQLDialect()
        }
    }
}
