// swift-tools-version: 6.0
// Benchmarks live in their own package so the library never pulls benchmark dependencies.
// Run by hand, not in CI: see assign/README.md.
import PackageDescription

let package = Package(
    name: "ABKitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ABKit", path: "..")],
    targets: [
        .executableTarget(
            name: "AssignBenchmark",
            dependencies: [.product(name: "ABAssign", package: "ABKit")],
            path: "assign/AssignBenchmark",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
    ]
)
