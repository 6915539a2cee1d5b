// swift-tools-version:6.0
// Probity: a rules engine for delegation of authority and conflicts of interest.
// Modules follow the stages of the language, in one direction only:
//   ProbitySupport (bytes, money, dates, JSON, CSV, SHA-256)
//   → ProbitySyntax (tokens, AST, diagnostics)
//   → ProbitySemantics (name resolution, types, checks)
//   → ProbityEvaluation (compiled plan, register, conflicts, reports)
//   → Probity (the front door: Scheme and Engine; the library product other programs import)
//   → ProbityPapers (board papers in Markdown and HTML, delegation graphs in SVG, DOT, Mermaid)
//   → ProbityCLI (the `probity` command: arguments in, text out)
import PackageDescription

let package = Package(
    name: "Probity",
    products: [
        .library(name: "Probity", targets: ["Probity"]),
        .executable(name: "probity", targets: ["ProbityCLI"]),
    ],
    targets: [
        .target(name: "ProbitySupport"),
        .target(name: "ProbitySyntax", dependencies: ["ProbitySupport"]),
        .target(name: "ProbitySemantics", dependencies: ["ProbitySupport", "ProbitySyntax"]),
        .target(name: "ProbityEvaluation", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics"]),
        .target(name: "Probity", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityEvaluation"]),
        .target(name: "ProbityPapers", dependencies: ["Probity", "ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityEvaluation"]),
        .target(name: "ProbityBenchmark", dependencies: ["ProbitySupport", "ProbityEvaluation", "ProbitySemantics"]),
        .executableTarget(
            name: "ProbityCLI",
            dependencies: ["Probity", "ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityEvaluation", "ProbityPapers", "ProbityBenchmark"],
            // The rules, and the register their tests read (mounted back at `Examples/registers`).
            resources: [.copy("../../Rules"), .copy("../../Examples/registers")]
        ),
        // Helpers shared by the test targets: marked sources and their assertions.
        .target(name: "ProbityTestSupport", dependencies: ["ProbitySyntax"], path: "Tests/ProbityTestSupport"),
        .testTarget(name: "ProbitySupportTests", dependencies: ["ProbitySupport"]),
        .testTarget(name: "ProbitySyntaxTests", dependencies: ["ProbitySyntax", "ProbityTestSupport"]),
        .testTarget(name: "ProbitySemanticsTests", dependencies: ["ProbitySemantics", "ProbityTestSupport"]),
        .testTarget(name: "ProbityEvaluationTests", dependencies: ["ProbityEvaluation"]),
        .testTarget(name: "ProbityTests", dependencies: ["Probity"]),
        .testTarget(name: "ProbityPapersTests", dependencies: ["ProbityPapers", "Probity", "ProbityEvaluation"]),
        .testTarget(name: "ProbityBenchmarkTests", dependencies: ["ProbityBenchmark", "ProbityEvaluation"]),
        // Case folders and golden files are data read by path, not sources.
        .testTarget(name: "ProbityCLITests", dependencies: ["ProbityEvaluation"], exclude: ["Cases", "Fixtures", "Golden"]),
    ]
)
