import XCTest
@testable import ProbitySupport

final class MoneyTests: XCTestCase {
    private func pence(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Int64? {
        let fromString = Money.parse(text)?.pence
        // The byte overloads must agree with the string one.
        XCTAssertEqual(Money.parse(Array(text.utf8))?.pence, fromString, "array overload", file: file, line: line)
        XCTAssertEqual(Money.parse(Array(text.utf8)[...])?.pence, fromString, "slice overload", file: file, line: line)
        return fromString
    }

    // MARK: Accepted forms

    func testPlainDigits() {
        XCTAssertEqual(pence("0"), 0)
        XCTAssertEqual(pence("7"), 700)
        XCTAssertEqual(pence("999999.99"), 99_999_999)
        XCTAssertEqual(pence("1200000.00"), 120_000_000)
        XCTAssertEqual(pence("007"), 700)
    }

    func testPoundSign() {
        XCTAssertEqual(pence("£0.50"), 50)
        XCTAssertEqual(pence("£5"), 500)
        XCTAssertEqual(pence("£0.5"), 50)
        XCTAssertEqual(pence("£0.05"), 5)
    }

    func testThousandsSeparators() {
        XCTAssertEqual(pence("£663,540"), 66_354_000)
        XCTAssertEqual(pence("£1,000,000.01"), 100_000_001)
        XCTAssertEqual(pence("1,000"), 100_000)
        XCTAssertEqual(pence("12,345,678"), 1_234_567_800)
        XCTAssertEqual(pence("999,999"), 99_999_900)
    }

    func testMisplacedCommasAreRejected() {
        XCTAssertNil(pence("1,00"))
        XCTAssertNil(pence("1,0000"))
        XCTAssertNil(pence("1000,000"))
        XCTAssertNil(pence(",100"))
        XCTAssertNil(pence("100,"))
        XCTAssertNil(pence("1,,000"))
        XCTAssertNil(pence("1,000,00"))
        XCTAssertNil(pence("1,000.000,0"))
        XCTAssertNil(pence("£,"))
    }

    func testSuffixes() {
        XCTAssertEqual(pence("£250k"), 25_000_000)
        XCTAssertEqual(pence("£250K"), 25_000_000)
        XCTAssertEqual(pence("£1m"), 100_000_000)
        XCTAssertEqual(pence("£1M"), 100_000_000)
        XCTAssertEqual(pence("£1.5m"), 150_000_000)
        XCTAssertEqual(pence("£27.4m"), 2_740_000_000)
        XCTAssertEqual(pence("£1.2345m"), 123_450_000)
        XCTAssertEqual(pence("£2bn"), 200_000_000_000)
        XCTAssertEqual(pence("£2BN"), 200_000_000_000)
        XCTAssertEqual(pence("£2Bn"), 200_000_000_000)
        XCTAssertEqual(pence("£1.25bn"), 125_000_000_000)
        XCTAssertEqual(pence("1,500k"), 150_000_000)
        XCTAssertEqual(pence("£0.001k"), 100)
    }

    func testSuffixedAmountsMustBeWholePence() {
        // One pence more than a million pounds is still whole pence…
        XCTAssertEqual(pence("£1.00000001m"), 100_000_001)
        XCTAssertEqual(pence("£1.0000001m"), 100_000_010)
        // …but a tenth of a penny is not.
        XCTAssertNil(pence("£1.000000001m"))
        XCTAssertEqual(pence("£0.00001k"), 1)
        XCTAssertNil(pence("£0.000001k"))
        XCTAssertEqual(pence("£0.00001bn"), 1_000_000)
        XCTAssertNil(pence("£0.000000000001bn"))
    }

    func testFractionsThatAreNotWholePenceAreRejected() {
        XCTAssertNil(pence("£0.005"))
        XCTAssertNil(pence("0.001"))
        XCTAssertNil(pence("1.999"))
    }

    func testTrailingZerosInFractionAreHarmless() {
        XCTAssertEqual(pence("£0.500"), 50)
        XCTAssertEqual(pence("1.50000000000000000000000000000"), 150)
        XCTAssertEqual(pence("1.5000000000000000000000000000m"), 150_000_000)
        XCTAssertNil(pence("1.0000000000000000000000000001"))
    }

    func testBoundaries() {
        XCTAssertEqual(pence("92233720368547758.07"), Int64.max)
        XCTAssertNil(pence("92233720368547758.08"))
        XCTAssertNil(pence("92233720368547759"))
        XCTAssertNil(pence("99999999999999999999999"))
        XCTAssertEqual(pence("92233720.36854775807bn"), Int64.max)
        XCTAssertNil(pence("92233721bn"))
        XCTAssertEqual(pence("00000000000000000000000000001"), 100)
    }

    func testJunkIsRejected() {
        for text in ["", "£", "-5", "-£5", "+5", "£-5", " 5", "5 ", "£ 5", "5.", ".5", "£.50",
                     "1e6", "1E6", "1.5e3", "5p", "5kk", "5b", "5mn", "5bnx", "£5k ", "££5",
                     "$5", "5,000.", "0x10", "1.2.3", "5 k", "NaN", "\u{00A3}", "\u{00C2}5",
                     "1_000", "٣", "5km"] {
            XCTAssertNil(pence(text), "\(text.debugDescription) should be rejected")
        }
        // A lone first byte of the pound sign.
        XCTAssertNil(Money.parse([0xC2]))
        XCTAssertNil(Money.parse([0xC2, 0x35]))
        XCTAssertNil(Money.parse([UInt8]()))
    }

    // MARK: Rendering

    func testDescription() {
        XCTAssertEqual(Money(pence: 0).description, "£0")
        XCTAssertEqual(Money(pence: 5).description, "£0.05")
        XCTAssertEqual(Money(pence: 50).description, "£0.50")
        XCTAssertEqual(Money(pence: 100).description, "£1")
        XCTAssertEqual(Money(pence: 99_900).description, "£999")
        XCTAssertEqual(Money(pence: 100_000).description, "£1,000")
        XCTAssertEqual(Money(pence: 66_354_000).description, "£663,540")
        XCTAssertEqual(Money(pence: 120_000_000).description, "£1,200,000")
        XCTAssertEqual(Money(pence: 120_000_050).description, "£1,200,000.50")
        XCTAssertEqual(Money(pence: 100_000_001).description, "£1,000,000.01")
        XCTAssertEqual(Money(pence: -525).description, "-£5.25")
        XCTAssertEqual(Money(pence: Int64.max).description, "£92,233,720,368,547,758.07")
        XCTAssertEqual(Money(pence: Int64.min).description, "-£92,233,720,368,547,758.08")
        XCTAssertEqual("\(Money(pence: 25_000_000))", "£250,000")
    }

    /// Seeded: the description is the plain decimal with its pounds grouped in threes, "£"
    /// after the sign, and ".00" dropped, for amounts of every length.
    func testDescriptionGroupsThePlainDecimal() {
        var random = SplitMix64(seed: 17)
        print("testDescriptionGroupsThePlainDecimal: seed 17")
        for _ in 0..<20_000 {
            let digits = 1 + random.below(19)
            var pence = Int64(truncatingIfNeeded: random.next() % UInt64(String(repeating: "9", count: digits))!)
            if random.chance(0.3) { pence = -pence }
            let plain = Money(pence: pence).plainDecimal
            let negative = plain.hasPrefix("-")
            let unsigned = negative ? String(plain.dropFirst()) : plain
            let pounds = String(unsigned.prefix { $0 != "." }), fraction = String(unsigned.suffix(2))
            var grouped = ""
            for (index, digit) in pounds.enumerated() {
                if index > 0 && (pounds.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            let expected = (negative ? "-£" : "£") + grouped + (fraction == "00" ? "" : "." + fraction)
            XCTAssertEqual(Money(pence: pence).description, expected)
        }
    }

    func testPlainDecimal() {
        XCTAssertEqual(Money(pence: 0).plainDecimal, "0.00")
        XCTAssertEqual(Money(pence: 7).plainDecimal, "0.07")
        XCTAssertEqual(Money(pence: 120_000_000).plainDecimal, "1200000.00")
        XCTAssertEqual(Money(pence: 99_999_999).plainDecimal, "999999.99")
        XCTAssertEqual(Money(pence: -525).plainDecimal, "-5.25")
        XCTAssertEqual(Money(pence: Int64.min).plainDecimal, "-92233720368547758.08")
    }

    func testRenderingRoundTrips() {
        for value: Int64 in [0, 1, 99, 100, 101, 123_456_789, 1_000_000_000_00, Int64.max] {
            let money = Money(pence: value)
            XCTAssertEqual(Money.parse(money.description), money)
            XCTAssertEqual(Money.parse(money.plainDecimal), money)
        }
    }

    // MARK: Ordering and arithmetic

    func testComparisonAndArithmetic() {
        let limit = Money.parse("£250k")!
        XCTAssertTrue(Money.parse("£249,999.99")! < limit)
        XCTAssertEqual(Money.parse("250000.00"), limit)
        XCTAssertFalse(limit < limit)
        XCTAssertEqual(limit + Money(pence: 1), Money(pence: 25_000_001))
        XCTAssertEqual(Money.zero - limit, Money(pence: -25_000_000))
        var total = Money.zero
        total += Money(pence: 300)
        total -= Money(pence: 100)
        XCTAssertEqual(total.pence, 200)
        XCTAssertEqual([Money(pence: 3), Money(pence: 1), Money(pence: 2)].sorted().map(\.pence), [1, 2, 3])
        XCTAssertEqual(Set([Money(pence: 1), Money.parse("£0.01")!]).count, 1)
    }
}
