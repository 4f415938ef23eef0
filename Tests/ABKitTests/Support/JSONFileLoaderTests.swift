@testable import ABCommandLine
import ABTestSupport
import Foundation
import Testing
@testable import ABKit

/// Issue 15: JSON decoding errors as "FILE: JSON.PATH: expected …, got …", never Swift's own texts.
@Suite("JSONFileLoader: decoding errors in the user's terms")
struct JSONFileLoaderTests {
    /// A valid two-variant summary whose second variant's units are `units` (JSON text).
    static func summary(units: String, type: String = "\"proportion\"") -> String {
        """
        {"experiment": "x", "control": "a", "metrics": [{"id": "m", "type": \(type), "variants": [
          {"key": "a", "units": 10, "conversions": 1}, {"key": "b", "units": \(units), "conversions": 1}]}]}
        """
    }

    static let cases: [(text: String, message: String)] = [
        (summary(units: #""10""#), "metrics[0].variants[1].units: expected a whole number, got a string"),
        (summary(units: "[1]"), "metrics[0].variants[1].units: expected a whole number, got an array"),
        (summary(units: "{}"), "metrics[0].variants[1].units: expected a whole number, got an object"),
        (summary(units: "null"), "metrics[0].variants[1].units: expected a whole number, got null"),
        (summary(units: "1.5"), "metrics[0].variants[1].units: expected a whole number, got 1.5"),
        (summary(units: "1e400"), "metrics[0].variants[1].units: the number is too large (the largest is about 1.8e308)"),
        (summary(units: "99999999999999999999"),
         "metrics[0].variants[1].units: expected a whole number from -9223372036854775808 to 9223372036854775807, got one beyond that range"),
        (summary(units: "10", type: #""rate""#), #"metrics[0].type: expected one of proportion, mean, ratio, survival, got "rate""#),
        (summary(units: "10", type: "5"), "metrics[0].type: expected a string, got a number"),
        ("{\"experiment\": \"x\",\n \"control\": }", "line 2, column 13: not valid JSON: unexpected character '}', expected a value"),
        ("", "line 1, column 1: not valid JSON: unexpected end of input, expected a value"),
    ]

    @Test("each decoding failure names the JSON path (or line and column), what was expected and what was found", arguments: cases)
    func messages(_ example: (text: String, message: String)) throws {
        let path = try RepositoryPaths.temporaryFile(example.text, name: "s.json")
        let output = AnalyzeRunner(input: .summary(path: path)).run()
        #expect(output.standardError == "error: \(path): \(example.message)\n")
        #expect(output.exitCode == .dataError)
        #expect(!output.standardError.contains("Expected to decode") && !output.standardError.contains("couldn’t be read"))
    }
}
