import XCTest
@testable import ProbitySupport

/// One set of rules for dates in decisions and registers.
final class DateTextTests: XCTestCase {
    func testISOAndDayFirst() {
        XCTAssertEqual(DateText.read("2024-03-31"), .iso(Day.parseISO("2024-03-31")!))
        XCTAssertEqual(DateText.read("31/03/2024"), .dayFirst(Day.parseISO("2024-03-31")!))
        XCTAssertEqual(DateText.read("1.4.2024"), .dayFirst(Day.parseISO("2024-04-01")!))
        XCTAssertEqual(DateText.read("01-04-2024"), .dayFirst(Day.parseISO("2024-04-01")!))
    }

    func testADayThatDoesNotExistIsSaidSo() {
        XCTAssertEqual(DateText.read("2024-02-30"), .noSuchDay(year: 2024, month: 2, day: 30))
        XCTAssertEqual(DateText.read("29/02/2023"), .noSuchDay(year: 2023, month: 2, day: 29))
        XCTAssertEqual(DateText.whyNoSuchDay(year: 2024, month: 2, day: 30), "February 2024 has 29 days")
        XCTAssertEqual(DateText.whyNoSuchDay(year: 2024, month: 13, day: 1), "there is no month 13")
    }

    func testTwoDigitYearsAndWordsAreNotGuessed() {
        XCTAssertEqual(DateText.read("1/4/25"), .unreadable)
        XCTAssertEqual(DateText.read("April 2024"), .unreadable)
        XCTAssertEqual(DateText.read(""), .unreadable)
        XCTAssertEqual(DateText.read("2024/03/31"), .unreadable)
    }
}
