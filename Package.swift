// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ABKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ABKit", targets: ["ABKit"]),
        .library(name: "ABStats", targets: ["ABStats"]),
        .library(name: "ABAssign", targets: ["ABAssign"]),
        .library(name: "ABEvents", targets: ["ABEvents"]),
        .library(name: "ABWarehouse", targets: ["ABWarehouse"]),
        .library(name: "ABPostgres", targets: ["ABPostgres"]),
        .executable(name: "abkit", targets: ["abkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in postgres-nio's graph; named for TLS settings and the connection's logger.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
        .target(name: "ABEvents", dependencies: ["ABAssign"]),
        .target(name: "ABKit", dependencies: ["ABStats", "ABAssign", "ABEvents"]),
        // Warehouse-native analysis: SQL generation behind a dialect protocol, no network code,
        // so other dialects (and apps that only print SQL) need nothing beyond ABKit.
        .target(name: "ABWarehouse", dependencies: ["ABKit", "ABEvents", "ABAssign"]),
        // PostgreSQL execution and bulk loading through postgres-nio (pure Swift, no libpq).
        .target(
            name: "ABPostgres",
            dependencies: [
                "ABWarehouse", "ABKit", "ABEvents",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "abkit",
            dependencies: [
                "ABKit", "ABWarehouse", "ABPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ABStatsTests", dependencies: ["ABStats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ABAssignTests", dependencies: ["ABAssign"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ABEventsTests", dependencies: ["ABEvents"]),
        .testTarget(name: "ABKitTests", dependencies: ["ABKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ABWarehouseTests", dependencies: ["ABWarehouse", "ABKit"]),
        .testTarget(name: "ABPostgresTests", dependencies: ["ABPostgres", "ABWarehouse", "ABKit", "ABEvents"]),
    ]
)
