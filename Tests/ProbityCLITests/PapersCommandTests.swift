import Foundation
import XCTest

/// `probity report` and `probity graph` through the built binary: the shipped examples are
/// exactly what the commands print, and mistakes are usage errors that say what was expected.
final class PapersCommandTests: XCTestCase {
    static let register = "Examples/registers/lcp-board-2023-11-23.tsv"
    static let agenda = "Examples/agendas/lcp-board-2023-11-23.json"

    func expectFile(_ output: String, _ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try String(contentsOf: Probity.root.appendingPathComponent(path), encoding: .utf8)
        XCTAssertEqual(output, expected, "probity prints something other than \(path)", file: file, line: line)
    }

    func testReportPrintsTheShippedPapers() throws {
        let markdown = try Probity.run(["report", "--register", Self.register, Self.agenda])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        try expectFile(markdown.stdout, "Examples/papers/lcp-board-2023-11-23.md")
        let html = try Probity.run(["report", "--format", "html", "--register", Self.register, Self.agenda])
        XCTAssertEqual(html.status, 0, html.stderr)
        try expectFile(html.stdout, "Examples/papers/lcp-board-2023-11-23.html")
    }

    func testGraphPrintsTheShippedPictures() throws {
        let ladder = try Probity.run(["graph", "ladder", "contract-award", "--on", "2023-11-23", "--where", "budget=icb-delegated", "--where", "place=bromley"])
        XCTAssertEqual(ladder.status, 0, ladder.stderr)
        try expectFile(ladder.stdout, "Examples/graphs/contract-award-ladder.svg")
        let central = try Probity.run(["graph", "ladder", "contract-award", "--on", "2023-11-23", "--where", "budget=icb-central"])
        try expectFile(central.stdout, "Examples/graphs/contract-award-ladder-icb-central.svg")
        for (format, path) in [("svg", "delegation-tree.svg"), ("dot", "delegation-tree.dot"), ("mermaid", "delegation-tree.mmd")] {
            let tree = try Probity.run(["graph", "tree", "--format", format])
            XCTAssertEqual(tree.status, 0, tree.stderr)
            try expectFile(tree.stdout, "Examples/graphs/\(path)")
        }
        let mermaid = try Probity.run(["graph", "ladder", "contract-award", "--on", "2023-11-23", "--format", "mermaid"])
        XCTAssertTrue(mermaid.stdout.hasPrefix("flowchart LR\n"), mermaid.stdout)
    }

    /// One decision at a meeting: the papers for a meeting whose only item it is.
    func testReportForOneDecisionAtAMeeting() throws {
        let result = try Probity.run(["report", "--register", Self.register, "--meeting", "Tests/ProbityCLITests/Fixtures/report/lcp-board-meeting.json",
                                      "Examples/decisions/bromley-community-services-stw-2023-11.json"])
        // Eight attendees, two of them leaving the room: the Board is inquorate for the item.
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("### Item sel-icb-2023-11-15-bromley-chs-stw\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("**NOT quorate** for this item: at least 50% of voting members: 6 of 15 counted, needs 8. The rules say to refer the item to NHS South East London ICB Board (`icb-board`)."), result.stdout)
        XCTAssertTrue(result.stdout.contains("- **Dr Andrew Parson**: declare the interest and leave the room for this item."), result.stdout)
        XCTAssertTrue(result.stdout.contains("- **Jacqui Scott**: declare the interest and leave the room for this item."), result.stdout)
        XCTAssertFalse(result.stdout.contains("Ur-Rub |"), "one spelling per person: the register's")
        let missing = try Probity.run(["report", "--register", Self.register, "--meeting", "Tests/ProbityCLITests/Fixtures/report/lcp-board-meeting.json", "no-such.json"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no-such.json"), missing.stderr)
    }

    func testMistakesAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["report", Self.agenda], "`report` needs `--register FILE`"),
            (["report", "--register", Self.register, "--format", "pdf", Self.agenda], "expected `md` or `html`"),
            (["graph"], "`graph` draws `tree` or `ladder KIND`"),
            (["graph", "ladder", "contract-award"], "needs `--on YYYY-MM-DD`"),
            (["graph", "ladder", "lease", "--on", "2023-11-23"], "error[P1400]: unknown decision kind `lease`"),
            (["graph", "ladder", "contract-award", "--on", "2023-11-23", "--where", "budget=nhs"], "error[P1402]"),
            (["graph", "ladder", "contract-award", "--on", "2023-11-23", "--where", "colour=red"], "error[P1401]"),
            (["graph", "tree", "--where", "budget=icb-central"], "`--where` is for `graph ladder`"),
            (["graph", "tree", "--on", "23/11/2023"], "`--on` takes a date as YYYY-MM-DD"),
        ]
        for (arguments, message) in cases {
            let result = try Probity.run(arguments)
            XCTAssertEqual(result.status, 2, "probity \(arguments.joined(separator: " "))")
            XCTAssertTrue(result.stderr.contains(message), "probity \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }
}
