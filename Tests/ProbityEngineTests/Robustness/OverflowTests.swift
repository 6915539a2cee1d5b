import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest

/// Bounds at the ends of the money and date ranges: an open bound must never wrap round
/// (issue 13: `value > £92233720368547758.07` fired for £1).
final class OverflowTests: XCTestCase {
    private let scheme = """
    fields
      value: money
      start: date
    body board "Board"
    rule ABOVE-MAX "More than the most money there is"
      when value > £92233720368547758.07
      require approval by board
    rule IN-OPEN-MAX "Inside an interval open at the top of the range"
      when value in (£92233720368547758.07 .. ]
      require approval by board
    rule BELOW-ZERO "Less than nothing"
      when value < £0
      require approval by board
    rule NOT-ABOVE-MAX "Not more than the most money there is"
      when not value in (£92233720368547758.07 .. ]
      require approval by board
    """

    func testOpenBoundAtTheTopOfTheMoneyRangeMatchesNothing() throws {
        let plan = try XCTUnwrap(makePlan(scheme))
        for value in ["£1", "£0", "£92233720368547758.07"] {
            XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2024-01-01","value":"\#(value)"}"#), ["NOT-ABOVE-MAX"], value)
        }
    }

    func testRuleIndexAgreesAtTheTopOfTheRange() throws {
        // Two rules keyed on the same field make the plan index them by interval.
        let plan = try XCTUnwrap(makePlan(scheme + """

        rule SMALL "Small"
          when value <= £1
          require approval by board
        """))
        XCTAssertEqual(firedRules(plan, #"{"id":"d","date":"2024-01-01","value":"£1"}"#), ["NOT-ABOVE-MAX", "SMALL"])
    }

    func testMoneyArithmeticReportsOverflow() {
        let most = Money(pence: .max)
        XCTAssertNil(most.adding(Money(pence: 1)))
        XCTAssertEqual(Money(pence: 1).adding(Money(pence: 2)), Money(pence: 3))
        XCTAssertNil(Money(pence: .min).subtracting(Money(pence: 1)))
    }

    func testDayArithmeticStaysInRange() {
        let last = Day(year: Day.supportedYears.upperBound, month: 12, day: 31)!
        XCTAssertNil(last.addingChecked(days: Int.max))
        XCTAssertNil(last.addingChecked(days: 1))
        XCTAssertNotNil(last.addingChecked(days: -1))
    }
}
