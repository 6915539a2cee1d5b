import ProbitySupport
import Testing

/// Every amount a report writes reads back as the same amount: reports quote money as
/// `£1,200,000.50`, and a decision may be written from a report.
@Suite struct MoneyRoundTripTests {
    @Test(arguments: [0, 1, 50, 99, 100, 10_000_000, 10_000_001, 66_354_000, 99_999_999, 100_000_001, 2_740_000_000, 9_223_372_036_854_775_807] as [Int64])
    func descriptionReadsBack(pence: Int64) {
        let money = Money(pence: pence)
        #expect(Money.parse(money.description) == money)
        #expect(Money.parse(money.plainDecimal) == money)
    }

    @Test func boundaryAmountsFromTheSchemesAreExact() {
        #expect(Money.parse("£100k")?.pence == 10_000_000)
        #expect(Money.parse("£1m")?.pence == 100_000_000)
        #expect(Money.parse("£1,000,000.01")?.pence == 100_000_001)
        #expect(Money.parse("£663,540")?.pence == 66_354_000)
    }
}
