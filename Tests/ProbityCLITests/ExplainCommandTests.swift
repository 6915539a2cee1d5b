import Foundation
import XCTest

/// `probity explain` against small fixtures, compared with golden files in `Golden/`. Run with
/// `PROBITY_UPDATE_GOLDEN=1` to rewrite the golden files after an intended change.
final class ExplainCommandTests: XCTestCase {
    static let fixtures = "Tests/ProbityCLITests/Fixtures/explain"

    func testValueJustUnderTheBoardLimitWithRegister() throws {
        let result = try Probity.run(["explain", "--rules", "\(Self.fixtures)/rules.probity", "--register", "\(Self.fixtures)/register.tsv",
                                      "\(Self.fixtures)/value-950k.json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertGolden(result.stdout, "explain-950k-register.txt")
    }

    func testMeetingListsEveryAttendee() throws {
        let result = try Probity.run(["explain", "--rules", "\(Self.fixtures)/rules.probity", "--register", "\(Self.fixtures)/register.tsv",
                                      "--meeting", "\(Self.fixtures)/meeting.json", "\(Self.fixtures)/value-950k.json"])
        try assertGolden(result.stdout, "explain-950k-meeting.txt")
    }

    func testMissingFieldAndNoAuthority() throws {
        let result = try Probity.run(["explain", "--rules", "\(Self.fixtures)/rules.probity", "\(Self.fixtures)/no-value.json"])
        XCTAssertEqual(result.status, 1)
        try assertGolden(result.stdout, "explain-no-value.txt")
    }

    func testJSONFormat() throws {
        let result = try Probity.run(["explain", "--rules", "\(Self.fixtures)/rules.probity", "--format", "json", "\(Self.fixtures)/value-950k.json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        try assertGolden(result.stdout, "explain-950k.json")
    }

    func testBadDecisionIsBadInput() throws {
        let result = try Probity.run(["explain", "--rules", "\(Self.fixtures)/rules.probity", "-"], stdin: #"{"id": "x", "date": "2024-01-01"}"#)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("missing required field `kind`"), result.stderr)
        XCTAssertEqual(try Probity.run(["explain"]).status, 2)
    }
}

/// Compares `actual` with `Tests/ProbityCLITests/Golden/NAME`, or rewrites it when
/// `PROBITY_UPDATE_GOLDEN` is set.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = Probity.root.appendingPathComponent("Tests/ProbityCLITests/Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["PROBITY_UPDATE_GOLDEN"] != nil {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    XCTAssertEqual(actual, expected, "output differs from Golden/\(name)", file: file, line: line)
}
