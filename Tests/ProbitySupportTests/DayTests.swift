import XCTest
@testable import ProbitySupport
import ProbityTestSupport

final class DayTests: XCTestCase {
    private func day(_ iso: String, file: StaticString = #filePath, line: UInt = #line) -> Day {
        guard let day = Day.parseISO(iso) else {
            XCTFail("\(iso) did not parse", file: file, line: line)
            return Day(number: 0)
        }
        return day
    }

    // MARK: Construction

    func testKnownDayNumbers() {
        // Values cross-checked against Python's datetime.date.
        XCTAssertEqual(Day(year: 1970, month: 1, day: 1)?.number, 0)
        XCTAssertEqual(Day(year: 1969, month: 12, day: 31)?.number, -1)
        XCTAssertEqual(Day(year: 2000, month: 1, day: 1)?.number, 10_957)
        XCTAssertEqual(Day(year: 2024, month: 2, day: 29)?.number, 19_782)
        XCTAssertEqual(Day(year: 1900, month: 3, day: 1)?.number, -25_508)
        XCTAssertEqual(Day(year: 1600, month: 2, day: 29)?.number, -135_081)
        XCTAssertEqual(Day(year: 1, month: 1, day: 1)?.number, -719_162)
        XCTAssertEqual(Day(year: 0, month: 1, day: 1)?.number, -719_528)
        XCTAssertEqual(Day(year: 9999, month: 12, day: 31)?.number, 2_932_896)
    }

    func testValidation() {
        XCTAssertNil(Day(year: 2023, month: 2, day: 29))
        XCTAssertNotNil(Day(year: 2024, month: 2, day: 29))
        XCTAssertNil(Day(year: 1900, month: 2, day: 29))   // divisible by 100
        XCTAssertNotNil(Day(year: 2000, month: 2, day: 29)) // divisible by 400
        XCTAssertNil(Day(year: 2025, month: 4, day: 31))
        XCTAssertNotNil(Day(year: 2025, month: 12, day: 31))
        XCTAssertNil(Day(year: 2025, month: 13, day: 1))
        XCTAssertNil(Day(year: 2025, month: 0, day: 1))
        XCTAssertNil(Day(year: 2025, month: 1, day: 0))
        XCTAssertNil(Day(year: 2025, month: 1, day: 32))
        XCTAssertNil(Day(year: 2025, month: 1, day: -1))
        XCTAssertNil(Day(year: Int.max, month: 1, day: 1))
        XCTAssertNil(Day(year: Int.min, month: 1, day: 1))
    }

    func testLeapYears() {
        XCTAssertTrue(Day.isLeapYear(2024))
        XCTAssertFalse(Day.isLeapYear(2025))
        XCTAssertFalse(Day.isLeapYear(2100))
        XCTAssertTrue(Day.isLeapYear(2000))
        XCTAssertTrue(Day.isLeapYear(0))
        XCTAssertTrue(Day.isLeapYear(-4))
        XCTAssertEqual(Day.daysInMonth(year: 2024, month: 2), 29)
        XCTAssertEqual(Day.daysInMonth(year: 2023, month: 2), 28)
        XCTAssertEqual(Day.daysInMonth(year: 2023, month: 9), 30)
        XCTAssertEqual(Day.daysInMonth(year: 2023, month: 12), 31)
    }

    /// Every day across a wide span converts to components and back, and
    /// consecutive day numbers are consecutive calendar days.
    func testRoundTripAcrossFiveCenturies() {
        var previous = Day(number: -200_001).components
        for number in Int32(-200_000)...Int32(200_000) {
            let components = Day(number: number).components
            XCTAssertEqual(Day(year: components.year, month: components.month, day: components.day)?.number, number)
            if components.day == 1 {
                let expectedMonth = previous.month == 12 ? 1 : previous.month + 1
                XCTAssertEqual(components.month, expectedMonth)
                XCTAssertEqual(previous.day, Day.daysInMonth(year: previous.year, month: previous.month))
            } else {
                XCTAssertEqual(components.day, previous.day + 1)
                XCTAssertEqual(components.month, previous.month)
            }
            previous = components
        }
    }

    func testExtremeYears() {
        let early = Day(year: -1_000_000, month: 1, day: 1)!
        XCTAssertEqual(early.components.year, -1_000_000)
        let late = Day(year: 1_000_000, month: 12, day: 31)!
        XCTAssertEqual(late.components.month, 12)
        XCTAssertEqual(late.components.day, 31)
        XCTAssertNil(Day(year: 1_000_001, month: 1, day: 1))
    }

    // MARK: Parsing

    func testParseISO() {
        XCTAssertEqual(Day.parseISO("2024-02-29")?.number, 19_782)
        XCTAssertEqual(Day.parseISO("1970-01-01")?.number, 0)
        XCTAssertEqual(Day.parseISO("0000-01-01")?.number, -719_528)
        XCTAssertEqual(Day.parseISO(Array("2025-04-01".utf8))?.number, 20_179)
        XCTAssertEqual(Day.parseISO(Array("x2025-04-01".utf8).dropFirst())?.number, 20_179)
    }

    func testParseISORejects() {
        for text in ["", "2023-02-29", "2025-4-01", "2025-04-1", "25-04-01", "20250401", "2025/04/01",
                     "2025-04-01 ", " 2025-04-01", "2025-04-01T00:00", "2025-13-01", "2025-00-10",
                     "2025-04-00", "+2025-04-01", "-2025-04-01", "2025-04-31", "２０２５-04-01", "2025-04"] {
            XCTAssertNil(Day.parseISO(text), "\(text.debugDescription) should be rejected")
        }
    }

    func testParseDayMonthYear() {
        XCTAssertEqual(Day.parseDayMonthYear("01/04/2025"), day("2025-04-01"))
        XCTAssertEqual(Day.parseDayMonthYear("1/4/2025"), day("2025-04-01"))
        XCTAssertEqual(Day.parseDayMonthYear("1/04/2025"), day("2025-04-01"))
        XCTAssertEqual(Day.parseDayMonthYear("31/12/1999"), day("1999-12-31"))
        XCTAssertEqual(Day.parseDayMonthYear("29/2/2024"), day("2024-02-29"))
        XCTAssertEqual(Day.parseDayMonthYear(Array("5/11/2025".utf8)), day("2025-11-05"))
        for text in ["", "29/2/2023", "1/4/25", "001/4/2025", "1/004/2025", "4/31/2025", "1-4-2025",
                     "1/4/2025 ", "/4/2025", "1//2025", "1/4/", "1/4/20255", "13/13/2025", "0/1/2025"] {
            XCTAssertNil(Day.parseDayMonthYear(text), "\(text.debugDescription) should be rejected")
        }
    }

    // MARK: Rendering

    func testISOAndDescription() {
        XCTAssertEqual(Day(number: 0).iso, "1970-01-01")
        XCTAssertEqual(Day(number: 19_782).description, "2024-02-29")
        XCTAssertEqual("\(Day(number: -1))", "1969-12-31")
        XCTAssertEqual(Day(year: 5, month: 6, day: 7)?.iso, "0005-06-07")
        XCTAssertEqual(Day(year: 10_000, month: 1, day: 1)?.iso, "+10000-01-01")
        XCTAssertEqual(Day(year: -1, month: 3, day: 4)?.iso, "-0001-03-04")
        XCTAssertEqual(day("9999-12-31").iso, "9999-12-31")
    }

    /// The digits written in place give what padding each component gives, on seeded random
    /// days across years 0000–9999 (and the expanded form's edges), and read back as the day.
    func testISOWrittenInPlaceMatchesPaddedComponents() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        let first = Day(year: 0, month: 1, day: 1)!.number, last = Day(year: 9999, month: 12, day: 31)!.number
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let edges = [first, first - 1, last, last + 1, 0, -1]
        for number in edges + (0..<2_000).map({ _ in Int32(generator.inRange(Int(first)...Int(last))) }) {
            let day = Day(number: number)
            let (year, month, dayOfMonth) = day.components
            let sign = year < 0 ? "-" : year > 9999 ? "+" : ""
            let expected = sign + padded(abs(year), 4) + "-" + padded(month, 2) + "-" + padded(dayOfMonth, 2)
            XCTAssertEqual(day.iso, expected, "seed \(seed): day \(number)")
            if sign.isEmpty { XCTAssertEqual(Day.parseISO(day.iso)?.number, number, "seed \(seed): day \(number)") }
        }
    }

    func testComponents() {
        let components = day("2024-02-29").components
        XCTAssertEqual(components.year, 2024)
        XCTAssertEqual(components.month, 2)
        XCTAssertEqual(components.day, 29)
    }

    // MARK: Weekdays

    func testWeekday() {
        XCTAssertEqual(Day(number: 0).weekday, 4)              // Thursday
        XCTAssertEqual(Day(number: -1).weekday, 3)             // Wednesday
        XCTAssertEqual(day("2000-01-01").weekday, 6)           // Saturday
        XCTAssertEqual(day("2025-04-01").weekday, 2)           // Tuesday
        XCTAssertEqual(day("0001-01-01").weekday, 1)           // Monday
        XCTAssertEqual(day("1600-02-29").weekday, 2)           // Tuesday
        XCTAssertEqual(day("2025-04-06").weekday, 7)           // Sunday
        XCTAssertTrue(day("2025-04-05").isWeekend)
        XCTAssertFalse(day("2025-04-04").isWeekend)
        for number in Int32(-30)...Int32(30) {
            XCTAssertTrue((1...7).contains(Day(number: number).weekday))
            XCTAssertEqual(Day(number: number + 7).weekday, Day(number: number).weekday)
        }
    }

    // MARK: Arithmetic

    func testAddingDays() {
        XCTAssertEqual(day("2024-02-28").adding(days: 1), day("2024-02-29"))
        XCTAssertEqual(day("2023-02-28").adding(days: 1), day("2023-03-01"))
        XCTAssertEqual(day("2025-12-31").adding(days: 1), day("2026-01-01"))
        XCTAssertEqual(day("1970-01-01").adding(days: -1), day("1969-12-31"))
        XCTAssertEqual(day("2025-01-01").adding(days: 365), day("2026-01-01"))
        XCTAssertEqual(day("2025-01-01").adding(days: 0), day("2025-01-01"))
        XCTAssertEqual(day("2025-01-01").days(until: day("2026-01-01")), 365)
        XCTAssertEqual(day("2026-01-01").days(until: day("2025-01-01")), -365)
    }

    func testAddingWorkingDaysFromWeekdays() {
        // 2025-04-01 is a Tuesday; 2025-04-04 a Friday; 2025-04-07 a Monday.
        XCTAssertEqual(day("2025-04-01").adding(workingDays: 0), day("2025-04-01"))
        XCTAssertEqual(day("2025-04-01").adding(workingDays: 1), day("2025-04-02"))
        XCTAssertEqual(day("2025-04-01").adding(workingDays: 3), day("2025-04-04"))
        XCTAssertEqual(day("2025-04-01").adding(workingDays: 4), day("2025-04-07"))
        XCTAssertEqual(day("2025-04-01").adding(workingDays: 5), day("2025-04-08"))
        XCTAssertEqual(day("2025-04-01").adding(workingDays: 10), day("2025-04-15"))
        XCTAssertEqual(day("2025-04-04").adding(workingDays: 1), day("2025-04-07"))
        XCTAssertEqual(day("2025-04-07").adding(workingDays: -1), day("2025-04-04"))
        XCTAssertEqual(day("2025-04-08").adding(workingDays: -5), day("2025-04-01"))
        XCTAssertEqual(day("2025-04-01").adding(workingDays: -2), day("2025-03-28"))
        XCTAssertEqual(day("2025-04-01").adding(workingDays: -7), day("2025-03-21"))
    }

    func testAddingWorkingDaysFromWeekends() {
        // 2025-04-05 is a Saturday and 2025-04-06 a Sunday.
        XCTAssertEqual(day("2025-04-05").adding(workingDays: 0), day("2025-04-05"))
        XCTAssertEqual(day("2025-04-05").adding(workingDays: 1), day("2025-04-07"))
        XCTAssertEqual(day("2025-04-06").adding(workingDays: 1), day("2025-04-07"))
        XCTAssertEqual(day("2025-04-05").adding(workingDays: 5), day("2025-04-11"))
        XCTAssertEqual(day("2025-04-06").adding(workingDays: 6), day("2025-04-14"))
        XCTAssertEqual(day("2025-04-05").adding(workingDays: -1), day("2025-04-04"))
        XCTAssertEqual(day("2025-04-06").adding(workingDays: -1), day("2025-04-04"))
        XCTAssertEqual(day("2025-04-06").adding(workingDays: -5), day("2025-03-31"))
    }

    /// The week-skipping shortcut agrees with stepping one day at a time.
    func testAddingWorkingDaysMatchesNaiveStepping() {
        func naive(_ start: Day, _ count: Int) -> Day {
            var result = start
            var remaining = count
            let step = count > 0 ? 1 : -1
            while remaining != 0 {
                result = result.adding(days: step)
                if !result.isWeekend { remaining -= step }
            }
            return result
        }
        for offset in 0..<14 {
            let start = day("2025-04-01").adding(days: offset)
            for count in -23...23 {
                XCTAssertEqual(start.adding(workingDays: count), naive(start, count), "\(start) + \(count)")
            }
        }
    }

    func testAddingMonthsClampsToMonthEnd() {
        XCTAssertEqual(day("2025-01-31").adding(months: 1), day("2025-02-28"))
        XCTAssertEqual(day("2024-01-31").adding(months: 1), day("2024-02-29"))
        XCTAssertEqual(day("2025-03-31").adding(months: 1), day("2025-04-30"))
        XCTAssertEqual(day("2025-01-15").adding(months: 1), day("2025-02-15"))
        XCTAssertEqual(day("2025-11-30").adding(months: 2), day("2026-01-30"))
        XCTAssertEqual(day("2025-01-31").adding(months: 12), day("2026-01-31"))
        XCTAssertEqual(day("2025-01-31").adding(months: 0), day("2025-01-31"))
        XCTAssertEqual(day("2025-03-31").adding(months: -1), day("2025-02-28"))
        XCTAssertEqual(day("2025-01-15").adding(months: -1), day("2024-12-15"))
        XCTAssertEqual(day("2025-01-15").adding(months: -13), day("2023-12-15"))
        XCTAssertEqual(day("2025-01-15").adding(months: -24), day("2023-01-15"))
        XCTAssertEqual(day("0000-01-15").adding(months: -1), Day(year: -1, month: 12, day: 15))
        XCTAssertEqual(day("0000-03-31").adding(months: -13), Day(year: -1, month: 2, day: 28))
    }

    func testAddingYears() {
        XCTAssertEqual(day("2024-02-29").adding(years: 1), day("2025-02-28"))
        XCTAssertEqual(day("2024-02-29").adding(years: 4), day("2028-02-29"))
        XCTAssertEqual(day("2024-02-29").adding(years: -100), day("1924-02-29"))
        XCTAssertEqual(day("2024-02-29").adding(years: 76), day("2100-02-28"))
        XCTAssertEqual(day("2025-04-01").adding(years: 3), day("2028-04-01"))
    }

    func testOrdering() {
        XCTAssertLessThan(day("2024-12-31"), day("2025-01-01"))
        XCTAssertLessThan(Day(number: -5), Day(number: 0))
        XCTAssertEqual([day("2025-01-02"), day("2024-01-01")].sorted(), [day("2024-01-01"), day("2025-01-02")])
    }
}
