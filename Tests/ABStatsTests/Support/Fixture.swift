import Foundation

/// Loads a JSON fixture that a committed script under Tests/Reference generated.
enum Fixture {
    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError.missing(name)
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// Decodes a fixture and returns one of its tables, for `@Test(arguments:)`; an unreadable
    /// fixture yields an empty table, which `FixtureSanityTests` reports as a failure.
    static func table<T: Decodable, Row>(_ name: String, as type: T.Type, _ pick: (T) -> [Row]) -> [Row] {
        (try? load(name, as: type)).map(pick) ?? []
    }

    enum FixtureError: Error { case missing(String) }
}

/// Relative-or-absolute closeness: |a − b| ≤ relative × max(|a|, |b|) + absolute.
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 0) -> Bool {
    if a == b { return true }
    return abs(a - b) <= relative * max(abs(a), abs(b)) + absolute
}
