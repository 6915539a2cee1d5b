// swift-tools-version:6.0
// Probity: a rules engine for delegation of authority and conflicts of interest.
// Modules follow the stages of the language, in one direction only:
//   ProbitySupport (bytes, money, dates, JSON, CSV, SHA-256)
//   → ProbitySyntax (tokens, AST, diagnostics)
//   → ProbitySemantics (name resolution, types, checks)
//   → ProbityRegister (registers of interests: CSV, TSV and JSON import, names; needs ProbitySupport, and
//     ProbitySyntax only for the one diagnostic shape its findings take)
//   → ProbityEngine (decisions, the compiled plan, verdicts, the rule index)
//   → ProbityReports (the report model and explanations, their text and JSON: probity.report/1, probity.explanation/1)
//   → ProbityConflicts (conflicts screening, meetings, quorum, votes; writes into the report model)
//   → Probity (the front door: Scheme and Engine; the library product other programs import)
//   → ProbityTooling (the rules' test runner and coverage, rule diffs over past decisions)
//   → ProbityPapers (board papers in Markdown and HTML, delegation graphs in SVG, DOT, Mermaid)
//     and, beside it, ProbityAudit (a history of decisions, votes and the register read together)
//   → ProbityCLI (the `probity` command: arguments in, text out; the engine only through Probity)
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
        .target(name: "ProbityRegister", dependencies: ["ProbitySupport", "ProbitySyntax"]),
        .target(name: "ProbityEngine", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister"]),
        .target(name: "ProbityReports", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEngine"]),
        .target(name: "ProbityConflicts", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEngine", "ProbityReports"]),
        .target(name: "Probity", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEngine", "ProbityReports", "ProbityConflicts"]),
        .target(name: "ProbityAudit", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEngine", "ProbityReports", "ProbityConflicts"]),
        .target(name: "ProbityTooling", dependencies: ["Probity", "ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEngine", "ProbityReports", "ProbityConflicts"]),
        .target(name: "ProbityPapers", dependencies: ["Probity", "ProbityAudit", "ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEngine", "ProbityReports", "ProbityConflicts"]),
        .target(name: "ProbityHTTP"),
        .target(name: "ProbityBenchmark", dependencies: ["ProbitySupport", "ProbityRegister", "ProbityEngine", "ProbityReports", "ProbityConflicts", "ProbitySemantics"]),
        .executableTarget(
            name: "ProbityCLI",
            dependencies: ["Probity", "ProbityAudit", "ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityTooling", "ProbityPapers", "ProbityBenchmark", "ProbityHTTP"],
            exclude: ["Serve/Page"],
            // The rules, and the register their tests read (mounted back at `Examples/registers`).
            resources: [.copy("../../Rules"), .copy("../../Examples/registers")],
            // `probity --version`: the version from VERSION and the git commit, written before each build.
            plugins: ["BuildInfo"]
        ),
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // Helpers shared by the test targets: marked sources and their assertions.
        .target(name: "ProbityTestSupport", dependencies: ["ProbitySupport", "ProbitySyntax", "ProbitySemantics", "ProbityRegister", "ProbityEngine", "ProbityReports"], path: "Tests/ProbityTestSupport"),
        .testTarget(name: "ProbitySupportTests", dependencies: ["ProbitySupport", "ProbityTestSupport"]),
        .testTarget(name: "ProbitySyntaxTests", dependencies: ["ProbitySyntax", "ProbityTestSupport"]),
        .testTarget(name: "ProbitySemanticsTests", dependencies: ["ProbitySemantics", "ProbityTestSupport"]),
        .testTarget(name: "ProbityRegisterTests", dependencies: ["ProbityRegister", "ProbitySyntax", "ProbityTestSupport"]),
        .testTarget(name: "ProbityToolingTests", dependencies: ["ProbityTooling", "Probity", "ProbityEngine", "ProbityReports", "ProbityConflicts", "ProbitySemantics", "ProbityTestSupport"]),
        .testTarget(name: "ProbityEngineTests", dependencies: ["ProbityEngine", "ProbityTestSupport"]),
        .testTarget(name: "ProbityReportsTests", dependencies: ["ProbityReports", "ProbityEngine", "ProbityTestSupport"]),
        .testTarget(name: "ProbityConflictsTests", dependencies: ["ProbityConflicts", "ProbityReports", "ProbityEngine", "ProbityRegister", "ProbityTestSupport"]),
        .testTarget(name: "ProbityTests", dependencies: ["Probity", "ProbityTestSupport"]),
        .testTarget(name: "ProbityPapersTests", dependencies: ["ProbityPapers", "ProbityAudit", "Probity", "ProbityEngine", "ProbityReports", "ProbityConflicts", "ProbityTestSupport"]),
        .testTarget(name: "ProbityHTTPTests", dependencies: ["ProbityHTTP", "ProbityTestSupport"]),
        .testTarget(name: "ProbityAuditTests", dependencies: ["ProbityAudit", "ProbityRegister", "ProbityEngine", "ProbityReports", "ProbityConflicts", "ProbitySemantics", "ProbitySupport", "ProbitySyntax"]),
        .testTarget(name: "ProbityBenchmarkTests", dependencies: ["ProbityBenchmark", "ProbityRegister", "ProbityEngine", "ProbityReports", "ProbityConflicts", "ProbitySemantics", "ProbityTestSupport"]),
        // Case folders and golden files are data read by path, not sources.
        .testTarget(name: "ProbityCLITests", dependencies: ["ProbityTestSupport"], exclude: ["Cases", "Fixtures", "Golden"]),
    ]
)
