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

    /// Seeded: ten-byte texts shaped like the two forms registers use (`dd/mm/yyyy`, with `.`
    /// or `-` too, and `yyyy-mm-dd`), each byte sometimes changed to another digit, separator or
    /// letter, read by the ten-byte shortcut as by the reader by parts and the reference.
    func testTheTenByteShortcutReadsAsTheReaderByParts() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let digits = Array("0123456789".utf8), others = Array("-/. x".utf8)
        for round in 0..<100_000 {
            var bytes: [UInt8] = (0..<10).map { _ in digits[random.below(digits.count)] }
            if random.chance(0.5) {
                let separator = others[random.below(3)]
                (bytes[2], bytes[5]) = (separator, separator)
            } else {
                (bytes[4], bytes[7]) = (UInt8(ascii: "-"), UInt8(ascii: "-"))
            }
            // Days and months that exist, mostly, and some that do not.
            if random.chance(0.7) {
                let (day, month) = (1 + random.below(31), 1 + random.below(12))
                let (dayAt, monthAt) = bytes[2] == bytes[5] && bytes[2] < 0x30 ? (0, 3) : (8, 5)
                bytes[dayAt] = 0x30 + UInt8(day / 10); bytes[dayAt + 1] = 0x30 + UInt8(day % 10)
                bytes[monthAt] = 0x30 + UInt8(month / 10); bytes[monthAt + 1] = 0x30 + UInt8(month % 10)
            }
            for _ in 0..<random.below(3) where random.chance(0.3) {
                bytes[random.below(10)] = random.chance(0.5) ? digits[random.below(10)] : others[random.below(others.count)]
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let byParts = bytes.withUnsafeBufferPointer { DateText.readByParts($0) }
            let read = bytes.withUnsafeBufferPointer { DateText.read($0) }
            XCTAssertEqual(read, byParts, "seed \(seed), round \(round): `\(text)`")
            XCTAssertEqual(read, Self.referenceRead(text), "seed \(seed), round \(round): `\(text)`")
            if read != byParts { return }
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
