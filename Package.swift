// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way, downwards:
//   soma -> SomaNotebook -> SomaLibrary -> SomaLang, SomaNeural, SomaPlot -> SomaCore
// (each target also names SomaCore when it uses it directly, e.g. UserFile).
// Each target lists every module it imports (no re-exports).
let release: [SwiftSetting] = []

let package = Package(
    name: "Soma",
    // Synchronization's Mutex and Atomic need macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "soma", targets: ["soma"]),
        .library(name: "SomaCore", targets: ["SomaCore"]),
        .library(name: "SomaNeural", targets: ["SomaNeural"]),
        .library(name: "SomaPlot", targets: ["SomaPlot"]),
        .library(name: "SomaLang", targets: ["SomaLang"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: public modules
        .target(name: "SomaCore", dependencies: ["CBLAS"], swiftSettings: release),
        .target(name: "SomaNeural", dependencies: ["SomaCore"], swiftSettings: release),
        .target(name: "SomaPlot", dependencies: ["SomaCore", "CPNG", "CFreeType"], swiftSettings: release),
        .target(name: "SomaLang", dependencies: ["SomaCore"], swiftSettings: release),
        .target(name: "SomaLibrary", dependencies: ["SomaCore", "SomaLang", "SomaNeural", "SomaPlot"], swiftSettings: release),
        .target(name: "SomaNotebook", dependencies: ["SomaCore", "SomaLang", "SomaLibrary"], swiftSettings: release),
        .executableTarget(
            name: "soma",
            dependencies: ["SomaCore", "SomaLang", "SomaLibrary", "SomaNotebook", "CEditLine", "CInterrupt",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: release),
        // libFuzzer entry point over parse + evaluate, and the notebook parser and renderers (see Makefile `fuzz`).
        .executableTarget(name: "FuzzSoma", dependencies: ["SomaLang", "SomaLibrary", "SomaNotebook"]),
        // libFuzzer entry point calling builtins with extreme arguments.
        .executableTarget(name: "FuzzBuiltins", dependencies: ["SomaLang", "SomaLibrary"]),

        // The process's SIGINT latch: one C file, so the process holds one copy.
        .target(name: "CInterrupt"),
        // OpenBLAS and LAPACKE, loaded with dlopen at the first product (not linked:
        // loading OpenBLAS starts its spinning worker threads). At run time they
        // come from the Debian packages libopenblas0 and liblapacke.
        .target(name: "CBLAS", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),

        // MARK: system libraries
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),

        // MARK: tests
        .testTarget(name: "SomaCoreTests", dependencies: ["SomaCore"], exclude: ["Fixtures"]),
        .testTarget(name: "SomaNeuralTests", dependencies: ["SomaCore", "SomaNeural"]),
        .testTarget(name: "SomaPlotTests", dependencies: ["SomaPlot", "CPNG"], exclude: ["References"]),
        .testTarget(name: "SomaLangTests", dependencies: ["SomaLang"]),
        .testTarget(name: "SomaLibraryTests", dependencies: ["SomaCore", "SomaLang", "SomaLibrary"]),
        .testTarget(name: "SomaNotebookTests", dependencies: ["SomaLang", "SomaLibrary", "SomaNotebook"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
