@testable import ProbityAudit
import ProbitySemantics
import XCTest

/// Thresholds come from the rules' own lower money bounds, and only those a rule requires.
final class SplitThresholdsTests: XCTestCase {
    func testLowerBoundsOfEveryShapeAreFoundAndUpperBoundsAreNot() throws {
        let program = try AuditFixtures.program("""
        rule OVER "over" when kind = contract-award and value > £250k require approval by board
        rule AT-LEAST "at least" when kind = contract-award and value >= £663,540 require approval by board
        rule BAND "band" when kind = contract-award and value in (£1m .. £5m] require approval by board
        rule CLOSED "closed band" when kind = contract-award and value in [£10m .. ] require approval by board
        rule UNDER "under" when kind = contract-award and value <= £250k require approval by lead
        rule NEGATED "not" when kind = contract-award and not (value > £7m) require approval by lead
        """)
        let thresholds = SplitThresholds(program: program, sumField: program.fieldIndex["value"]!)
        let found = thresholds.all.map { (program.rules[$0.rule].id, $0.crossing, $0.description) }
        XCTAssertEqual(found.map(\.0), ["OVER", "AT-LEAST", "BAND", "CLOSED"])
        XCTAssertEqual(found.map(\.1), [25_000_001, 66_354_000, 100_000_001, 1_000_000_000])
        XCTAssertEqual(found.map(\.2), ["over £250,000", "£663,540 or more", "over £1,000,000", "£10,000,000 or more"])
    }
}
