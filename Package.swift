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
        .library(name: "ABSQLite", targets: ["ABSQLite"]),
        .executable(name: "abkit", targets: ["abkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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
        // SQLite tables and queries as event or user rows, through GRDB (system libsqlite3).
        .target(name: "ABSQLite", dependencies: ["ABEvents", .product(name: "GRDB", package: "GRDB.swift")]),
        // MemberImportVisibility: GRDB's SQL operators (==, ||) must not leak through ABSQLite
        // into ABKit's own expressions, where they slow type checking to a halt.
        .target(
            name: "ABKit", dependencies: ["ABStats", "ABAssign", "ABEvents", "ABSQLite"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
        .executableTarget(
            name: "abkit",
            dependencies: [
                "ABKit",
                "ABSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ABStatsTests", dependencies: ["ABStats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ABAssignTests", dependencies: ["ABAssign"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ABEventsTests", dependencies: ["ABEvents"]),
        .testTarget(name: "ABSQLiteTests", dependencies: ["ABSQLite", "ABEvents", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ABKitTests", dependencies: ["ABKit"], resources: [.copy("Fixtures")]),
    ]
)
