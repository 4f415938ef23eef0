import ABTestSupport
import Foundation
import Testing
@testable import ABKit
@testable import ABCommandLine

/// Issue 15: `--alpha -1` said "Missing value for '--alpha'"; negative numbers now reach the option.
@Suite("CommandLineArguments: negative numbers as option values")
struct CommandLineArgumentsTests {
    @Test("a negative number after a long option is attached to it", arguments: [
        (["--alpha", "-1"], ["--alpha=-1"]),
        (["--relative-lift", "-0.1", "--baseline", "0.2"], ["--relative-lift=-0.1", "--baseline", "0.2"]),
        (["--prior", "-1,2"], ["--prior=-1,2"]),
        (["--mean", "-.5"], ["--mean=-.5"]),
        (["--mean", "-inf"], ["--mean=-inf"]),
        (["--alpha", "-1e3"], ["--alpha=-1e3"]),
    ])
    func attached(_ example: ([String], [String])) {
        #expect(CommandLineArguments.attachingNegativeNumbers(example.0) == example.1)
    }

    @Test("flags, option values that are words, '=' forms and words after '--' are left alone", arguments: [
        ["--summary", "-", "--alpha", "0.1"],
        ["--alpha", "--summary", "s.json"],
        ["--alpha=-1"],
        ["-o", "-1"],
        ["--", "--alpha", "-1"],
        ["--output", "-x.json"],
    ])
    func untouched(_ arguments: [String]) {
        #expect(CommandLineArguments.attachingNegativeNumbers(arguments) == arguments)
    }
}

/// The built `abkit` binary (swift build --build-tests builds it next to the tests).
@Suite("abkit command line: negative values and unknown options")
struct CommandLineProcessTests {
    static let binary = RepositoryPaths.root.appendingPathComponent(".build/debug/abkit").path

    static func run(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("--alpha -1 reaches the range check (exit 64)", .enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func negativeAlpha() throws {
        let summary = RepositoryPaths.experiments("summaries/welcome-message-timing.summary.json")
        let result = try Self.run(["analyze", "--summary", summary, "--alpha", "-1"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --alpha must be a number strictly between 0 and 1 (got -1)\nUsage: abkit analyze "))
    }

    @Test("power --relative-lift -0.1 is read as a decrease", .enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func negativeLift() throws {
        let result = try Self.run(["power", "--baseline", "0.1", "--relative-lift", "-0.1"])
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test("an unknown option is named before any check of the other options (exit 64)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func unknownOption() throws {
        let result = try Self.run(["analyze", "--bogus"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: Unknown option '--bogus'."))
    }

    @Test("abkit sql --dialect postgresql prints the PostgreSQL query; an unknown dialect is a usage error",
          .enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func sqlDialect() throws {
        let experiment = RepositoryPaths.experiments("welcome-message-timing.json")
        let named = try Self.run(["sql", "--experiment", experiment, "--events-table", "events", "--dialect", "postgresql"])
        #expect(named.status == 0, "\(named.standardError)")
        let unknown = try Self.run(["sql", "--experiment", experiment, "--events-table", "events", "--dialect", "oracle"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("Please provide one of 'postgresql'"))
    }

    @Test("--events-path is Spark's: with PostgreSQL, without --warehouse, with --events-table or without a known format, exit 64",
          .enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func eventsPath() throws {
        let experiment = RepositoryPaths.experiments("welcome-message-timing.json")
        let base = ["aggregate", "--experiment", experiment]
        let cases: [([String], String)] = [
            (["--warehouse", "postgres://abkit@127.0.0.1:1/db", "--events-path", "e.jsonl"], "error: --events-path needs a Spark warehouse"),
            (["--events-path", "e.jsonl"], "Error: --events-path needs --warehouse sc://HOST:PORT"),
            (["--warehouse", "sc://127.0.0.1:1", "--events-path", "e.jsonl", "--events-table", "t"], "Error: Give --events-table or --events-path, not both."),
            (["--warehouse", "sc://127.0.0.1:1", "--events-path", "e.data"], "Error: --events-path e.data: give --events-format parquet, json or csv"),
            (["--warehouse", "sc://127.0.0.1:1", "--events-table", "t", "--events-format", "csv"], "Error: --events-format needs --events-path PATH."),
        ]
        for (arguments, message) in cases {
            let result = try Self.run(base + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError.hasPrefix(message), "\(result.standardError)")
        }
    }
}
