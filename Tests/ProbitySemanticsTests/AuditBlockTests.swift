import ProbitySemantics
import ProbitySyntax
import ProbityTestSupport
import XCTest

/// The `audit` block: parsed, checked, and given to the program.
final class AuditBlockTests: XCTestCase {
    static let prelude = """
    scheme "Test" version "1"
    fields
      required kind: one of contract-award, s75-variation
      value: money
      start: date
      counterparty: organisation
      bidders: set of organisation
      requirement: text

    """

    private func check(_ marked: String, _ expected: [(marker: String, code: String)],
                       file: StaticString = #filePath, line: UInt = #line) -> Program? {
        let source = MarkedSource(AuditBlockTests.prelude + marked)
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: source.text))
        ProbityTestSupport.assertDiagnostics(diagnostics, in: source, expected, file: file, line: line)
        return program
    }

    func testTheBlockGivesItsClausesToTheProgram() throws {
        let program = try XCTUnwrap(check("""
        audit
          source "SFIs 4.2"
          split window 12 months
          split sum value
          split by counterparty, requirement
          review declarations every 1 year
        """, []))
        let audit = try XCTUnwrap(program.audit)
        XCTAssertEqual(audit.splitWindow, Duration(amount: 12, unit: .months))
        XCTAssertEqual(audit.splitSum, program.fieldIndex["value"])
        XCTAssertEqual(audit.splitBy, [program.fieldIndex["counterparty"]!, program.fieldIndex["requirement"]!])
        XCTAssertEqual(audit.declarationReview, Duration(amount: 1, unit: .years))
        XCTAssertEqual(audit.source, "SFIs 4.2")
    }

    func testDefaultsAreValueAndCounterparty() throws {
        let program = try XCTUnwrap(check("""
        audit
          split window 90 days
        """, []))
        XCTAssertEqual(program.audit?.splitSum, program.fieldIndex["value"])
        XCTAssertEqual(program.audit?.splitBy, [program.fieldIndex["counterparty"]!])
        XCTAssertNil(program.audit?.declarationReview)
    }

    func testAProgramWithoutTheBlockHasNoPolicy() throws {
        let program = try XCTUnwrap(check("", []))
        XCTAssertNil(program.audit)
    }

    func testSumMustBeMoneyAndSeriesFieldsMustNameOneThing() {
        _ = check("""
        audit
          split window 12 months
          split sum 1️⃣start
          split by 2️⃣bidders, 3️⃣nosuch
        """, [("1️⃣", "P1801"), ("2️⃣", "P1802"), ("3️⃣", "P0201")])
    }

    func testASecondBlockIsAnError() {
        _ = check("""
        audit
          split window 12 months
        1️⃣audit
          review declarations every 12 months
        """, [("1️⃣", "P1800")])
    }

    func testPeriodsMustBePositiveCalendarPeriods() {
        _ = check("""
        1️⃣audit
          split window 10 working days
        """, [("1️⃣", "P1803")])
    }
}
