// swift-tools-version:6.0
// A program that embeds Probity: it depends on the library by path, as any package would by URL.
import PackageDescription

let package = Package(
    name: "embedding",
    dependencies: [.package(name: "Probity", path: "../..")],
    targets: [
        .executableTarget(name: "embedding", dependencies: [.product(name: "Probity", package: "Probity")]),
    ]
)
