/// A generated statement: text with typed parameters, and the values bound to them.
public struct SQLQuery: Sendable, Equatable {
    /// The statement, with parameters written by the dialect (`CAST($1 AS TEXT)`).
    public var text: String
    /// The values, in parameter order.
    public var parameters: [SQLValue]

    /// Creates a query.
    public init(text: String, parameters: [SQLValue]) {
        self.text = text
        self.parameters = parameters
    }

    /// The statement with every parameter replaced by its literal, for pasting into a SQL console.
    ///
    /// One pass over the text, longest placeholder first, so a literal that happens to contain
    /// placeholder text is never rewritten and `$1` never matches inside `$12`.
    public func inlined(_ dialect: any SQLDialect) -> String {
        let placeholders = parameters.enumerated()
            .map { (Array(dialect.parameter($0.offset + 1, $0.element.type).utf8), Array(dialect.literal($0.element).utf8)) }
            .sorted { $0.0.count > $1.0.count }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        scanning: while i < bytes.count {
            for (placeholder, literal) in placeholders where bytes[i] == placeholder[0] && i + placeholder.count <= bytes.count {
                if bytes[i..<i + placeholder.count].elementsEqual(placeholder) {
                    out += literal
                    i += placeholder.count
                    continue scanning
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Collects parameters while a query is written, reusing one parameter per distinct value.
struct ParameterList {
    let dialect: any SQLDialect
    private(set) var values: [SQLValue] = []

    init(dialect: any SQLDialect) { self.dialect = dialect }

    /// The placeholder of `value`.
    mutating func bind(_ value: SQLValue) -> String {
        if let index = values.firstIndex(of: value) { return dialect.parameter(index + 1, value.type) }
        values.append(value)
        return dialect.parameter(values.count, value.type)
    }

    mutating func text(_ s: String) -> String { bind(.text(s)) }
    mutating func bigint(_ n: Int64) -> String { bind(.bigint(n)) }
    mutating func double(_ x: Double) -> String { bind(.double(x)) }
}
