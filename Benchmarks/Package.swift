// swift-tools-version: 6.1
import Foundation
import PackageDescription

// A package of its own, so the main package's `swift build` / `swift test` (and CI) never build it.
// It depends on the main package by path; SwiftPM names a path dependency after its folder.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "tslicense-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TSLicenseBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LicenseConsole", package: mainPackage),
                .product(name: "Drawing", package: mainPackage),
                .product(name: "ThingSpaceAPI", package: mainPackage),
            ],
            path: "Benchmarks/TSLicenseBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
