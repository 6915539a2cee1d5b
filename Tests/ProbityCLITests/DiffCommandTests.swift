import Foundation
import XCTest

final class DiffCommandTests: XCTestCase {
    static let fixtures = "Tests/ProbityCLITests/Fixtures/diff"

    func testHistoryGroupedByKindOfChange() throws {
        let result = try Probity.run(["diff", "\(Self.fixtures)/old.probity", "\(Self.fixtures)/new.probity",
                                      "--decisions", "\(Self.fixtures)/history.jsonl"])
        XCTAssertEqual(result.status, 1, result.stderr)
        try assertGolden(result.stdout, "diff-history.txt")
    }

    func testJSONFormat() throws {
        let result = try Probity.run(["diff", "\(Self.fixtures)/old.probity", "\(Self.fixtures)/new.probity",
                                      "--decisions", "\(Self.fixtures)/history.jsonl", "--format", "json"])
        XCTAssertEqual(result.status, 1, result.stderr)
        try assertGolden(result.stdout, "diff-history.json")
    }

    func testSameRulesChangeNothing() throws {
        let result = try Probity.run(["diff", "\(Self.fixtures)/old.probity", "\(Self.fixtures)/old.probity",
                                      "--decisions", "\(Self.fixtures)/history.jsonl"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("no rule, body, procedure or field changed"), result.stdout)
        XCTAssertTrue(result.stdout.contains("0 changed"), result.stdout)
    }

    func testBadInput() throws {
        XCTAssertEqual(try Probity.run(["diff", "\(Self.fixtures)/old.probity", "\(Self.fixtures)/new.probity"]).status, 2)
        XCTAssertEqual(try Probity.run(["diff", "\(Self.fixtures)/old.probity", "\(Self.fixtures)/missing.probity",
                                        "--decisions", "\(Self.fixtures)/history.jsonl"]).status, 2)
        XCTAssertEqual(try Probity.run(["diff", "\(Self.fixtures)/old.probity", "\(Self.fixtures)/new.probity",
                                        "--decisions", "\(Self.fixtures)/missing.jsonl"]).status, 2)
    }
}
