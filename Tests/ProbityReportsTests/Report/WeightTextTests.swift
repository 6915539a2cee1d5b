import ProbityReports
import ProbitySupport
import ProbityTestSupport
import XCTest

/// ``ConflictsReport/weightText(_:)``: a vote weight to at most three decimals, with no binary
/// noise and no trailing zeros, as the voters' weights are written in every report.
final class WeightTextTests: XCTestCase {
    func testWeightsAsTheyAreWritten() {
        let cases: [(Double, String)] = [
            (0, "0"), (1, "1"), (0.25, "0.25"), (0.5, "0.5"), (1.0 / 3, "0.333"), (2.0 / 3, "0.667"),
            (0.125, "0.125"), (0.005, "0.005"), (0.05, "0.05"), (0.0004, "0"), (0.9996, "1"), (3, "3"),
            (12.5, "12.5"), (10, "10"), (100.001, "100.001"), (1_234_567.8, "1234567.8"), (-0.25, "-0.25"), (-2, "-2"),
        ]
        for (weight, text) in cases {
            XCTAssertEqual(ConflictsReport.weightText(weight), text, "\(weight)")
        }
    }

    /// Every thousandth up to 20 and random weights up to a billion, against the digits spelt
    /// out the plain way: whole part, then the three decimals with their trailing zeros cut.
    func testEveryThousandthAsSpeltOut() {
        func spelt(_ thousandths: Int) -> String {
            let whole = thousandths / 1000
            var decimals = String(thousandths % 1000)
            decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
            while decimals.hasSuffix("0") { decimals.removeLast() }
            return decimals.isEmpty ? "\(whole)" : "\(whole).\(decimals)"
        }
        for thousandths in 0...20_000 {
            XCTAssertEqual(ConflictsReport.weightText(Double(thousandths) / 1000), spelt(thousandths))
        }
        let (seed, generator) = TestSeed.generator()
        var random = generator
        for _ in 0..<10_000 {
            let thousandths = Int(random.next() % 1_000_000_000_000)
            XCTAssertEqual(ConflictsReport.weightText(Double(thousandths) / 1000), spelt(thousandths), "seed \(seed)")
        }
    }
}
