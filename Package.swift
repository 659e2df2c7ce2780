// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "tslicense",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tslicense", targets: ["tslicense"]),
        .library(name: "ThingSpaceAPI", targets: ["ThingSpaceAPI"]),
        .library(name: "ThingSpaceSimulator", targets: ["ThingSpaceSimulator"]),
        // For Benchmarks/ (a package of its own): the console's core and the drawing vocabulary.
        .library(name: "LicenseConsole", targets: ["LicenseConsole"]),
        .library(name: "Drawing", targets: ["Drawing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "ThingSpaceAPI",
            dependencies: [
                "Drawing",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ThingSpaceSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Settings",
            dependencies: ["ThingSpaceAPI", "Drawing", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strict
        ),
        .target(name: "RunJournal", dependencies: ["ThingSpaceAPI"], swiftSettings: strict),
        .target(name: "Drawing", swiftSettings: strict),
        .target(name: "LicenseConsole", dependencies: ["Drawing", "ThingSpaceAPI", "RunJournal"], swiftSettings: strict),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "TerminalUI", dependencies: ["CNcurses", "Drawing"], swiftSettings: strict),
        .executableTarget(
            name: "tslicense",
            dependencies: [
                "ThingSpaceAPI", "ThingSpaceSimulator", "Settings", "Drawing", "LicenseConsole", "TerminalUI", "RunJournal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Helpers shared by the test targets (a refusing port, an SGR reader); never shipped.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "ThingSpaceAPITests", dependencies: ["ThingSpaceAPI", "ThingSpaceSimulator", "TestSupport"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "ThingSpaceSimulatorTests", dependencies: ["ThingSpaceSimulator"], swiftSettings: strict),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "ThingSpaceAPI", "Drawing"], swiftSettings: strict),
        .testTarget(name: "DrawingTests", dependencies: ["Drawing", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "LicenseConsoleTests", dependencies: ["LicenseConsole", "Drawing", "ThingSpaceAPI", "ThingSpaceSimulator", "RunJournal", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "Drawing", "CNcurses", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "RunJournalTests", dependencies: ["RunJournal", "ThingSpaceAPI", "ThingSpaceSimulator", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["ThingSpaceAPI", "ThingSpaceSimulator", "RunJournal", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["ThingSpaceAPI", "ThingSpaceSimulator", "TestSupport"], swiftSettings: strict),
    ]
)
