// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ABKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ABKit", targets: ["ABKit"]),
        .library(name: "ABStats", targets: ["ABStats"]),
        .library(name: "ABAssign", targets: ["ABAssign"]),
        .library(name: "ABSummary", targets: ["ABSummary"]),
        .library(name: "ABEvents", targets: ["ABEvents"]),
        .library(name: "ABSQLite", targets: ["ABSQLite"]),
        .library(name: "ABWarehouse", targets: ["ABWarehouse"]),
        .library(name: "ABPostgres", targets: ["ABPostgres"]),
        .library(name: "ABSpark", targets: ["ABSpark"]),
        .executable(name: "abkit", targets: ["abkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in postgres-nio's graph; named for TLS settings and the connection's logger.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Spark Connect: gRPC over HTTP/2, protobuf messages (generated once and committed).
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // GSL behind one wall: only ABStats imports it, and only internally.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(name: "ABStats", dependencies: ["CGSL"]),
        // No dependency beyond the toolchain, so apps can embed assignment without GSL.
        .target(name: "ABAssign"),
        // The sufficient statistics (summary file, metric kinds) every path produces and the analysis
        // reads: plain Codable values, no dependency, so collectors, engines and apps share them.
        .target(name: "ABSummary"),
        // One inline C function: a cache prefetch for the collector's hash-table probes.
        .target(name: "CPrefetch"),
        .target(name: "ABEvents", dependencies: ["ABAssign", "ABSummary", "CPrefetch"]),
        // SQLite tables and queries as event or user rows, through GRDB (system libsqlite3).
        .target(name: "ABSQLite", dependencies: ["ABEvents", .product(name: "GRDB", package: "GRDB.swift")]),
        // Experiment files, analysis, decisions and reports: the library an app or a service embeds.
        .target(name: "ABKit", dependencies: ["ABStats", "ABAssign", "ABSummary", "ABEvents"]),
        // Warehouse-native analysis: SQL generation behind a dialect protocol, no network code,
        // so other dialects (and apps that only print SQL) need nothing beyond ABKit.
        .target(name: "ABWarehouse", dependencies: ["ABSummary", "ABEvents"]),
        // PostgreSQL execution and bulk loading through postgres-nio (pure Swift, no libpq).
        .target(
            name: "ABPostgres",
            dependencies: [
                "ABWarehouse", "ABSummary", "ABEvents", "ABAssign",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Spark through Spark Connect: a gRPC client, the protocol's messages (a subset of Spark's
        // definitions, generated from Protocol/spark_connect_subset.proto) and an Arrow IPC reader.
        .target(
            name: "ABSpark",
            dependencies: [
                "ABWarehouse", "ABSummary", "ABEvents",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Protocol/spark_connect_subset.proto"]
        ),
        // The command layer: runners, option values, exit codes and terminal output for `abkit`,
        // a library so tests drive commands without a process; no library module depends on it.
        // MemberImportVisibility: GRDB's SQL operators (==, ||) must not leak through ABSQLite
        // into this module's own expressions, where they slow type checking to a halt.
        .target(
            name: "ABCommandLine",
            dependencies: ["ABKit", "ABStats", "ABAssign", "ABSummary", "ABEvents", "ABSQLite", "ABWarehouse", "ABPostgres", "ABSpark"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
        // The executable: argument parsing (ArgumentParser) and nothing else.
        .executableTarget(
            name: "abkit",
            dependencies: [
                "ABCommandLine", "ABKit", "ABSummary", "ABEvents", "ABWarehouse", "ABPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Seeded generators and fuzzing helpers shared by the test targets; no product names it.
        .target(name: "ABTestSupport", path: "Tests/ABTestSupport"),
        .testTarget(name: "ABStatsTests", dependencies: ["ABStats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ABAssignTests", dependencies: ["ABAssign"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ABEventsTests", dependencies: ["ABEvents", "ABSummary", "ABTestSupport"]),
        .testTarget(name: "ABSQLiteTests", dependencies: ["ABSQLite", "ABEvents", "ABSummary", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ABKitTests", dependencies: ["ABKit", "ABCommandLine", "ABSummary", "ABEvents", "ABTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ABCommandLineTests",
            dependencies: ["ABCommandLine", "ABWarehouse", "ABKit", "ABStats", "ABAssign", "ABSummary", "ABEvents", "ABTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ABWarehouseTests", dependencies: ["ABWarehouse", "ABSummary", "ABEvents", "ABKit"]),
        .testTarget(
            name: "ABSparkTests",
            dependencies: ["ABSpark", "ABCommandLine", "ABWarehouse", "ABKit", "ABSummary", "ABEvents", .product(name: "GRPCCore", package: "grpc-swift-2")],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ABPostgresTests", dependencies: ["ABPostgres", "ABCommandLine", "ABWarehouse", "ABKit", "ABSummary", "ABEvents", "ABStats"]),
    ]
)
