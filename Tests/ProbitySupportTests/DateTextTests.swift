import XCTest
import ProbityTestSupport
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

    /// The one-pass byte reader reads every text as the first reader did (split on each
    /// separator in turn, ISO tried first), kept here as the reference: seeded random texts
    /// over digits, separators and a stray letter, of every length up to 16.
    func testTheOnePassReaderAgreesWithTheSplittingReader() {
        var (_, random) = TestSeed.generator()
        let alphabet = Array("0123456789012345678901234567890123456789-/.-/.x ".utf8)
        for _ in 0..<200_000 {
            let length = random.inRange(0...16)
            let bytes = (0..<length).map { _ in alphabet[random.below(alphabet.count)] }
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(DateText.read(text), Self.referenceRead(text), "`\(text)`")
        }
        for text in ["2024-2-3", "0000-00-00", "9999-12-31", "31.12.9999", "1-1-2024", "2024-03-31x", "12/3/20245"] {
            XCTAssertEqual(DateText.read(text), Self.referenceRead(text), "`\(text)`")
        }
    }

    /// The reader as first written, by splitting.
    static func referenceRead(_ text: String) -> DateText.Reading {
        func components(_ separator: UInt8, yearFirst: Bool) -> (year: Int, month: Int, day: Int)? {
            let parts = text.utf8.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }) else { return nil }
            let numbers = parts.map { $0.reduce(0) { $0 * 10 + Int($1 - 48) } }
            if yearFirst {
                guard parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 else { return nil }
                return (numbers[0], numbers[1], numbers[2])
            }
            guard parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 else { return nil }
            return (numbers[2], numbers[1], numbers[0])
        }
        if let day = Day.parseISO(text) { return .iso(day) }
        if let parts = components(UInt8(ascii: "-"), yearFirst: true) {
            return .noSuchDay(year: parts.year, month: parts.month, day: parts.day)
        }
        for separator in [UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-")] {
            guard let parts = components(separator, yearFirst: false) else { continue }
            if let day = Day(year: parts.year, month: parts.month, day: parts.day) { return .dayFirst(day) }
            return .noSuchDay(year: parts.year, month: parts.month, day: parts.day)
        }
        return .unreadable
    }
}
