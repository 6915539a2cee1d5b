import ProbityEngine
import ProbitySemantics
import ProbityTestSupport
import XCTest

final class DecisionDecoderTests: XCTestCase {
    private func errors(_ json: String) throws -> [DecisionError] {
        let plan = try XCTUnwrap(makePlan(tieredScheme + "\nfields\n  required place: one of bromley, bexley\n"))
        guard case .failure(let errors) = DecisionDecoder(program: plan.program).decode(json: Array(json.utf8)) else {
            XCTFail("expected errors")
            return []
        }
        return errors.all
    }

    func testMoneyInEveryWrittenForm() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        let value = try XCTUnwrap(plan.program.fieldIndex["value"])
        for (written, pence) in [(#""£1.2m""#, 120_000_000), (#""1200000.00""#, 120_000_000), ("1200000.00", 120_000_000),
                                 ("999999.99", 99_999_999), (#""£1,000,000.01""#, 100_000_001), ("250000", 25_000_000)] {
            let decision = try XCTUnwrap(makeDecision(plan, #"{"id":"d","date":"2024-01-01","value":\#(written)}"#))
            XCTAssertEqual(decision.scalars[value], Int64(pence), written)
        }
    }

    func testEveryBadFieldIsReportedByName() throws {
        let found = try errors(#"{"id":"d","date":"2024-01-01","colour":"blue","kind":"contract-awrd","value":"lots","budget":7}"#)
        // Sorted by field, so the output is the same whatever the key order in the file.
        XCTAssertEqual(found.map(\.field), ["budget", "colour", "kind", "place", "value"])
        XCTAssertEqual(found.map(\.code), ["P0702", "P0701", "P0703", "P0704", "P0702"])
        XCTAssertTrue(found.contains { $0.message == "unknown field `colour`: the scheme declares no such decision field" })
        XCTAssertTrue(found.contains { $0.message.hasPrefix("`contract-awrd` is not a value of field `kind`; did you mean `contract-award`?") })
        XCTAssertTrue(found.contains { $0.message.hasPrefix("missing required field `place`") })
    }

    func testMissingIdAndDateAndMalformedJSON() throws {
        XCTAssertEqual(try errors(#"{"place":"bromley"}"#).map(\.code), ["P0704", "P0704"])
        let malformed = try errors(#"{"id": "d", "date": }"#)
        XCTAssertEqual(malformed.map(\.code), ["P0705"])
        XCTAssertTrue(malformed[0].message.hasPrefix("malformed JSON at line 1, column 21"), malformed[0].message)
        XCTAssertEqual(try errors("[1, 2]").map(\.code), ["P0702"])
    }

    func testDatesMustBeRealISODates() throws {
        // One error with the fix, not also "missing required field" (issue 11).
        let found = try errors(#"{"id":"d","date":"23/11/2023","place":"bromley"}"#)
        XCTAssertEqual(found.map(\.code), ["P0710"])
        XCTAssertEqual(found.first?.message, "field `date` is \"23/11/2023\", a day-first date; a decision writes dates as YYYY-MM-DD: did you mean `2023-11-23`?")
        let noSuchDay = try errors(#"{"id":"d","date":"2024-02-30","place":"bromley"}"#)
        XCTAssertEqual(noSuchDay.map(\.code), ["P0711"])
        XCTAssertEqual(noSuchDay.first?.message, "field `date` is \"2024-02-30\", a day that does not exist: February 2024 has 29 days")
        XCTAssertEqual(try errors(#"{"id":"d","date":"next week","place":"bromley"}"#).map(\.code), ["P0702"])
    }
}
