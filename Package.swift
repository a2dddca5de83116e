// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "newsdb",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NewsStore", targets: ["NewsStore"]),
        .library(name: "NewsPage", targets: ["NewsPage"]),
        .library(name: "NewsIngest", targets: ["NewsIngest"]),
        .executable(name: "newsdb", targets: ["newsdb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system libsqlite3; only `static inline` shims for macro-only calls are ours.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The system zlib, for reading .gz dumps as they stream.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The system libxml2, for its HTML parser: forgiving of broken markup, no network.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Turns Migrations/*.sql into a Swift source at build time, so the binary carries its schema.
        .executableTarget(name: "EmbedMigrations", swiftSettings: strictSettings),
        .plugin(
            name: "EmbedMigrationsPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedMigrations"]
        ),
        .target(
            name: "NewsStore",
            dependencies: ["CSQLite"],
            swiftSettings: strictSettings,
            plugins: ["EmbedMigrationsPlugin"]
        ),
        // One page's text or HTML to a ParsedPage: pure, imports nothing of ours, never links SQLite.
        .target(name: "NewsPage", dependencies: ["CLibXML2"], swiftSettings: strictSettings),
        .target(
            name: "NewsIngest",
            dependencies: ["NewsPage", "NewsStore", "CZlib"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "NewsDBCommands",
            dependencies: [
                "NewsStore",
                "NewsPage",
                "NewsIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "newsdb", dependencies: ["NewsDBCommands"], swiftSettings: strictSettings),
        // Benchmark tools for `make bench`: corpus generator, SQLite floors, search timings. Not installed.
        .executableTarget(
            name: "newsdb-bench",
            dependencies: ["NewsStore", "NewsPage", "NewsIngest", "CSQLite"],
            swiftSettings: strictSettings
        ),
        // libFuzzer target for `make fuzz`; built normally it replays inputs given as arguments.
        .executableTarget(name: "newsdb-fuzz", dependencies: ["NewsPage", "NewsIngest", "NewsStore"], swiftSettings: strictSettings),
        // Regressions/ holds inputs the fuzzer found; the tests read them from the source tree.
        .testTarget(name: "NewsStoreTests", dependencies: ["NewsStore"], exclude: ["Regressions"], swiftSettings: strictSettings),
        .testTarget(name: "NewsPageTests", dependencies: ["NewsPage"], swiftSettings: strictSettings),
        .testTarget(name: "NewsIngestTests", dependencies: ["NewsIngest", "NewsPage"], swiftSettings: strictSettings),
        .testTarget(
            name: "NewsDBCommandsTests",
            dependencies: ["NewsDBCommands", "newsdb"],
            exclude: ["postgres-load.sh"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
