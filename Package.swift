// swift-tools-version:6.0
// Probity: a rules engine for delegation of authority and conflicts of interest.
// Modules follow the stages of the language, in one direction only:
//   ProbitySupport (bytes, money, dates, JSON, CSV, SHA-256)
//   → ProbitySyntax (tokens, AST, diagnostics)
//   → ProbitySemantics (name resolution, types, checks)
//   → ProbityRegister (registers of interests: CSV, TSV and JSON import, names; needs only ProbitySupport)
//   → ProbityEvaluation (compiled plan, conflicts, reports)
//   → Probity (the front door: Scheme and Engine; the library product other programs import)
//   → ProbityTooling (the rules' test runner and coverage, rule diffs over past decisions)
//   → ProbityPapers (board papers in Markdown and HTML, delegation graphs in SVG, DOT, Mermaid)
//     and, beside it, ProbityAudit (a history of decisions, votes and the register read together)
//   → ProbityCLI (the `probity` command: arguments in, text out)
//   ProbityHTTP (an HTTP/1.1 server on Glibc sockets; depends on nothing of Probity's) → ProbityCLI (`probity serve`)
import PackageDescription

let package = Package(
    name: "Probity",
    products: [
        .library(name: "Probity", targets: ["Probity", "ProbityAudit"]),
        .executable(name: "probity", targets: ["ProbityCLI"]),
    ],
    targets: [
        .target(name: "ProbitySupport"),
        .target(name: "ProbitySyntax", dependencies: ["ProbitySupport"]),
        .target(name: "ProbitySemantics", dependencies: ["ProbitySupport", "ProbitySyntax"]),
        .target(name: "ProbityRegister", dependencies: ["ProbitySupport"]),
        .target(name: "ProbityEvaluation", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister"]),
        .target(name: "Probity", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEvaluation"]),
        .target(name: "ProbityAudit", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEvaluation"]),
        .target(name: "ProbityTooling", dependencies: ["Probity", "ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEvaluation"]),
        .target(name: "ProbityPapers", dependencies: ["Probity", "ProbityAudit", "ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEvaluation"]),
        .target(name: "ProbityHTTP"),
        .target(name: "ProbityBenchmark", dependencies: ["ProbitySupport", "ProbityRegister", "ProbityEvaluation", "ProbitySemantics"]),
        .executableTarget(
            name: "ProbityCLI",
            dependencies: ["Probity", "ProbityAudit", "ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEvaluation", "ProbityTooling", "ProbityPapers", "ProbityBenchmark", "ProbityHTTP"],
            exclude: ["Serve/Page"],
            // The rules, and the register their tests read (mounted back at `Examples/registers`).
            resources: [.copy("../../Rules"), .copy("../../Examples/registers")]
        ),
        // Helpers shared by the test targets: marked sources and their assertions.
        .target(name: "ProbityTestSupport", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityEvaluation"], path: "Tests/ProbityTestSupport"),
        .testTarget(name: "ProbitySupportTests", dependencies: ["ProbitySupport", "ProbityTestSupport"]),
        .testTarget(name: "ProbitySyntaxTests", dependencies: ["ProbitySyntax", "ProbityTestSupport"]),
        .testTarget(name: "ProbitySemanticsTests", dependencies: ["ProbitySemantics", "ProbityTestSupport"]),
        .testTarget(name: "ProbityRegisterTests", dependencies: ["ProbityRegister"]),
        .testTarget(name: "ProbityToolingTests", dependencies: ["ProbityTooling", "Probity", "ProbityEvaluation", "ProbitySemantics", "ProbityTestSupport"]),
        .testTarget(name: "ProbityEvaluationTests", dependencies: ["ProbityRegister", "ProbityEvaluation", "ProbityTestSupport"]),
        .testTarget(name: "ProbityTests", dependencies: ["Probity", "ProbityTestSupport"]),
        .testTarget(name: "ProbityPapersTests", dependencies: ["ProbityPapers", "ProbityAudit", "Probity", "ProbityEvaluation", "ProbityTestSupport"]),
        .testTarget(name: "ProbityHTTPTests", dependencies: ["ProbityHTTP", "ProbityTestSupport"]),
        .testTarget(name: "ProbityAuditTests", dependencies: ["ProbityAudit", "ProbityRegister", "ProbityEvaluation", "ProbitySemantics", "ProbitySupport", "ProbitySyntax"]),
        .testTarget(name: "ProbityBenchmarkTests", dependencies: ["ProbityBenchmark", "ProbityRegister", "ProbityEvaluation", "ProbitySemantics", "ProbityTestSupport"]),
        // Case folders and golden files are data read by path, not sources.
        .testTarget(name: "ProbityCLITests", dependencies: ["ProbityEvaluation", "ProbityTestSupport"], exclude: ["Cases", "Fixtures", "Golden"]),
    ]
)
