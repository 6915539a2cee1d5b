import XCTest
import ProbitySupport
@testable import ProbityRegister

final class InterestTypeTests: XCTestCase {
    func testTheFourKindsHoweverTheyAreWritten() {
        let cases: [(String, InterestType)] = [
            ("Financial Interest", .financial),
            ("Financial interest", .financial),
            ("financial", .financial),
            ("FINANCIAL INTERESTS", .financial),
            ("Indirect Interest", .indirect),
            ("Non-Financial Professional Interest", .nonFinancialProfessional),
            ("Non Financial Professional", .nonFinancialProfessional),
            ("Non-financial professional interest", .nonFinancialProfessional),
            ("non-financial-professional", .nonFinancialProfessional),
            ("Nonfinancial  Professional\u{00A0}", .nonFinancialProfessional),
            ("Non-Financial Personal Interest", .nonFinancialPersonal),
            ("Non – Financial Personal", .nonFinancialPersonal),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(InterestType.classify(text), .interest(expected), text)
        }
    }

    func testNoneDeclaredPointersAndBlanks() {
        for text in ["No interests declared", "Nil", "None", "NONE", " nil. ", "No interest declared"] {
            XCTAssertEqual(InterestType.classify(text), .noneDeclared, text)
        }
        let pointer = "All interests are declared on the London Borough of Bromley register of interests."
        XCTAssertEqual(InterestType.classify(pointer), .pointer(pointer))
        XCTAssertEqual(InterestType.classify(" \(pointer)\u{00A0}"), .pointer(pointer))
        XCTAssertEqual(InterestType.classify(""), .unspecified)
        XCTAssertEqual(InterestType.classify(" \t "), .unspecified)
        XCTAssertEqual(InterestType.classify("Gifts and hospitality"), .unrecognised("Gifts and hospitality"))
    }

    func testRawValuesAreTheRuleLanguageNames() {
        XCTAssertEqual(InterestType.allCases.map(\.rawValue),
                       ["financial", "indirect", "non-financial-professional", "non-financial-personal", "unspecified"])
    }

    func testInForceWithLookBack() {
        let day = { (text: String) in Day.parseISO(text)! }
        let ended = DeclaredInterest(type: .financial, typeText: "Financial Interest", nature: "director",
                                     validFrom: day("2015-01-01"), validTo: day("2021-12-31"))
        let sixMonths = { (end: Day) in end.adding(months: 6) }
        let none = { (end: Day) in end }
        XCTAssertFalse(ended.isInForce(on: day("2014-12-31"), graceEnd: none))
        XCTAssertTrue(ended.isInForce(on: day("2015-01-01"), graceEnd: none))
        XCTAssertTrue(ended.isInForce(on: day("2021-12-31"), graceEnd: none))
        XCTAssertFalse(ended.isInForce(on: day("2022-01-01"), graceEnd: none))
        XCTAssertTrue(ended.isInForce(on: day("2022-06-30"), graceEnd: sixMonths))
        XCTAssertFalse(ended.isInForce(on: day("2022-07-01"), graceEnd: sixMonths))

        let open = DeclaredInterest(type: .indirect, typeText: "Indirect Interest", nature: "spouse")
        XCTAssertTrue(open.isInForce(on: day("1990-01-01"), graceEnd: none))
        XCTAssertTrue(open.isInForce(on: day("2090-01-01"), graceEnd: none))
    }
}
