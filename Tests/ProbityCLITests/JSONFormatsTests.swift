import Foundation
import XCTest

/// Every JSON shape names its format and is documented; under `--format json` every failure is
/// JSON too (issue 11).
final class JSONFormatsTests: XCTestCase {
    /// Each `"probity.NAME/N"` written anywhere in the sources has its row in
    /// docs/report-format.md, so no shape ships undocumented or under a stale version.
    func testEveryFormatInTheSourcesIsDocumented() throws {
        let root = Probity.root
        let docs = try String(contentsOf: root.appendingPathComponent("docs/report-format.md"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #""(probity\.[a-z-]+/[0-9]+)""#)
        var found: Set<String> = []
        let walker = FileManager.default.enumerator(at: root.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                found.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        XCTAssertGreaterThanOrEqual(found.count, 14, "\(found.sorted())")
        for format in found.sorted() {
            XCTAssertTrue(docs.contains("`\(format)`"), "\(format) is written but not documented in docs/report-format.md")
        }
    }

    /// Every command that takes `--format json` answers a usage error with one
    /// `probity.error/1` record (P1500) on standard output, and keeps the text on standard error.
    func testEveryJSONCommandWritesAnErrorRecordForAUsageError() throws {
        for command in ["check", "screen", "meeting", "vote", "explain", "lint", "diff", "audit", "bench"] {
            let result = try Probity.run([command, "--format", "json", "--no-such-option"])
            XCTAssertEqual(result.status, 2, command)
            XCTAssertTrue(result.stderr.contains("unknown option `--no-such-option`"), "\(command): \(result.stderr)")
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(command): \(result.stdout)")
            XCTAssertEqual(record["format"] as? String, "probity.error/1", command)
            let errors = try XCTUnwrap(record["errors"] as? [[String: Any]], command)
            XCTAssertEqual(errors.count, 1, command)
            XCTAssertEqual(errors.first?["code"] as? String, "P1500", command)
            XCTAssertEqual(errors.first?["help"] as? String, "probity help \(command)", command)
        }
    }

    /// Without `--format json` a failure writes nothing on standard output.
    func testTextFailuresLeaveStandardOutputEmpty() throws {
        let result = try Probity.run(["check", "--no-such-option"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
    }
}
