import ProbityReports
import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest

/// Bodies exist for a period (`exists from … until …`): a decision dated outside it is not the
/// body's, and the report says when the body was established.
final class BodyExistenceTests: XCTestCase {
    private let rules = """
    scheme "Existence" version "1"
    fields
      kind: one of contract-award
      value: money
      decided_by: body
    body icb-board "ICB Board"
      exists from 2022-07-01
    body lcp-board "LCP Board"
      committee of icb-board
      exists from 2022-07-01
    body cpag "CPAG"
      advises lcp-board, icb-board
    rule CA-LCP "LCP Board from its first day"
      effective from 2022-07-01
      when kind = contract-award
      require approval by lcp-board
    rule CA-OLD "a rule written as if the Board had always existed"
      when kind = contract-award and value > £5m
      require approval by icb-board
    """

    private func report(_ json: String) throws -> Report {
        let plan = try XCTUnwrap(makePlan(rules))
        return ReportBuilder(plan: plan).build(try XCTUnwrap(makeDecision(plan, json)))
    }

    func testARuleNamingABodyBeforeItExistedIsACheckerFinding() {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: rules))
        XCTAssertEqual(diagnostics.map(\.code), ["P0611"])
        XCTAssertEqual(diagnostics.first?.message,
                       "rule `CA-OLD` names `icb-board`, which was established on 2022-07-01, but the rule is always effective; expected the rule's period inside the body's")
        XCTAssertEqual(program?.bodies.first { $0.id == "icb-board" }?.existsFrom, Day.parseISO("2022-07-01")?.number)
        XCTAssertEqual(program?.bodies.first { $0.id == "cpag" }?.advised.count, 2, "CPAG advises two bodies")
    }

    func testADecisionBeforeTheBodyExistedIsNotItsToApprove() throws {
        let r = try report(#"{"id":"d","date":"2021-09-30","kind":"contract-award","value":"£6m"}"#)
        XCTAssertEqual(r.approvals.map(\.by), ["icb-board"], "CA-OLD fires")
        XCTAssertFalse(r.canProceed)
        XCTAssertEqual(r.findings.first { $0.code == "P1010" }?.message,
                       "the ICB Board (`icb-board`) was established on 2022-07-01; it cannot take or authorise a decision dated 2021-09-30")
    }

    func testNoAuthorityBeforeTheBodyExistedSaysWhenItWasEstablished() throws {
        let r = try report(#"{"id":"d","date":"2021-09-30","kind":"contract-award","value":"£80k"}"#)
        XCTAssertEqual(r.outcome, .noAuthority)
        XCTAssertEqual(r.findings.filter { $0.code == "P1011" }.map(\.message), [
            "the ICB Board (`icb-board`) was established on 2022-07-01, so it could not approve a decision dated 2021-09-30",
            "the LCP Board (`lcp-board`) was established on 2022-07-01, so it could not approve a decision dated 2021-09-30",
        ])
        let after = try report(#"{"id":"d","date":"2022-07-01","kind":"contract-award","value":"£80k"}"#)
        XCTAssertTrue(after.canProceed)
        XCTAssertFalse(after.findings.contains { $0.code.description.hasPrefix("P101") })
    }

    func testAnAdvisoryBodyNamesEveryBodyItAdvises() throws {
        let r = try report(#"{"id":"d","date":"2023-01-01","kind":"contract-award","value":"£80k","decided_by":"cpag"}"#)
        XCTAssertEqual(r.findings.first { $0.code == "P1001" }?.message.contains("it only advises `lcp-board` and `icb-board`"), true)
    }
}
