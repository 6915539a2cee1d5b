import Foundation
import XCTest

/// `probity audit`, run as a user runs it, against the example history's golden reports.
final class AuditCommandTests: XCTestCase {
    private let arguments = ["audit", "--rules", "Rules", "--history", "Examples/audit/history-2019-2025.jsonl",
                             "--register", "Examples/registers/lcp-board-2023-11-23.tsv",
                             "--votes", "Examples/audit/votes-lcp-board-2024-01-25.json"]

    func testTheExampleHistoryMatchesTheGoldenTextReport() throws {
        let result = try Probity.run(arguments)
        let golden = try String(contentsOf: Probity.root.appendingPathComponent("Examples/audit/history-2019-2025.report.txt"), encoding: .utf8)
        XCTAssertEqual(result.stdout, golden, "regenerate the golden file if the change is intended")
        XCTAssertEqual(result.status, 1, "the example plants findings: \(result.stderr)")
    }

    func testTheExampleHistoryMatchesTheGoldenJSONReport() throws {
        let result = try Probity.run(arguments + ["--format", "json"])
        let golden = try String(contentsOf: Probity.root.appendingPathComponent("Examples/audit/history-2019-2025.report.json"), encoding: .utf8)
        // The rules' digest changes with any rule file, so it is left out of the comparison.
        let withoutDigest = { (text: String) in text.split(separator: "\n").filter { !$0.contains("\"digest\":") }.joined(separator: "\n") }
        XCTAssertEqual(withoutDigest(result.stdout), withoutDigest(golden), "regenerate the golden file if the change is intended")
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["format"] as? String, "probity.audit/1")
        let codes = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        for planted in ["P1810", "P1811", "P1812", "P1813", "P1814", "P1820", "P1830"] {
            XCTAssertTrue(codes.contains(planted), "\(planted) missing from \(codes)")
        }
    }

    func testTheExampleHistoryMatchesTheGoldenMarkdownAndHTMLReports() throws {
        for (format, path) in [("markdown", "Examples/audit/history-2019-2025.report.md"), ("html", "Examples/audit/history-2019-2025.report.html")] {
            let result = try Probity.run(arguments + ["--format", format])
            let golden = try String(contentsOf: Probity.root.appendingPathComponent(path), encoding: .utf8)
            XCTAssertEqual(result.stdout, golden, "\(path): regenerate the golden file if the change is intended")
            XCTAssertEqual(result.status, 1, "the example plants findings: \(result.stderr)")
            // Summary counts first, then the sections, as in the text report.
            let summary = try XCTUnwrap(result.stdout.range(of: "Summary"), format)
            let firstSection = try XCTUnwrap(result.stdout.range(of: "Split contracts</h2>") ?? result.stdout.range(of: "## Split contracts"), format)
            XCTAssertLessThan(summary.lowerBound, firstSection.lowerBound, format)
            for planted in ["P1810", "P1811", "P1812", "P1813", "P1814", "P1820", "P1830"] {
                XCTAssertTrue(result.stdout.contains(planted), "\(planted) missing from the \(format) report")
            }
        }
        let markdown = try Probity.run(arguments + ["--format", "md"])
        XCTAssertEqual(markdown.status, 1)
        XCTAssertTrue(markdown.stdout.hasPrefix("# Audit of "), "`md` is `markdown`")
    }

    func testAnUnknownFormatIsBadInput() throws {
        let result = try Probity.run(arguments + ["--format", "xml"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("unknown format `xml`"), result.stderr)
    }

    func testTheReportIsTheSameOnOneThreadAndOnTwo() throws {
        let one = try Probity.run(arguments + ["--threads", "1"])
        let two = try Probity.run(arguments + ["--threads", "2"])
        XCTAssertEqual(one.stdout, two.stdout)
    }

    func testMissingHistoryAndBadOptionsAreBadInput() throws {
        let missing = try Probity.run(["audit", "--rules", "Rules", "--history", "no-such-file.jsonl"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("P1842"), missing.stderr)
        let noHistory = try Probity.run(["audit", "--rules", "Rules"])
        XCTAssertEqual(noHistory.status, 2)
        let strayFile = try Probity.run(["audit", "--rules", "Rules", "--history", "Examples/audit/history-2019-2025.jsonl", "extra.json"])
        XCTAssertEqual(strayFile.status, 2)
    }
}
