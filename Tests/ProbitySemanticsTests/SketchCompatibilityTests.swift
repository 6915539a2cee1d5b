import ProbitySemantics
import ProbitySyntax
import XCTest

/// The illustration in the design sketch (`shared/design/language-sketch.md`), written exactly as
/// the sketch writes it, parses and checks: authors who start from it are not punished for
/// its spellings (`decision fields`, `money?`, the prose `relevant:` clause,
/// `employed by the counterparty`, `expired interests count for …`, `members excluded …`).
final class SketchCompatibilityTests: XCTestCase {
    static let sketch = """
    scheme "SEL ICB – Bromley place delegations"
      version "2023-11"
      effective from 2023-04-01

    decision fields
      kind: one of contract-award, contract-extension, single-tender-waiver,
                   s75-new-agreement, s75-variation, appointment
      value: money                 # whole-life value
      counterparty: organisation
      budget: one of icb-delegated, icb-central, council, pooled
      route: one of competitive, direct-award, single-tender-waiver
      salary: money?               # only for appointments

    body icb-board "SEL ICB Board"
    body lcp-board "One Bromley Local Care Partnership Board"
      committee of icb-board
    officer place-lead "Place Executive Lead, Bromley"
    body pcg "Bromley Procurement & Contracts Group"
      advises lcp-board            # may recommend, may never approve
    body full-council "Full Council"
    body council-leader "Leader"
    body portfolio-holder-adult-care "Portfolio holder"

    rule CA-2 "Contract awards from £250k to £1m on delegated budgets"
      when kind = contract-award and budget = icb-delegated
       and value in (£250k .. £1m]          # placeholder limits: see Rules/README.md
      require recommendation by pcg
      require approval by lcp-board

    rule S75-NOTICE "Leader and Portfolio Holder are told of s75 changes"   # 003, s75 report 3.3
      when kind in {s75-new-agreement, s75-variation}
      require notice to council-leader, portfolio-holder-adult-care
        deemed approved after 5 days without objection

    rule PAY-1 "Salary packages of £100k or more go to Full Council"        # 002, 7.3
      when kind = appointment and salary >= £100k
      require approval by full-council

    conflicts
      relevant: interests in the counterparty, or in an organisation related to it
                (member of, owned by, holds a contract from), up to 2 steps away
      financial interest            -> exclude     # leaves the room for the item
      indirect interest             -> no-vote     # may speak, may not vote
      non-financial professional    -> declare
      employed by the counterparty  -> exclude     # even if nothing was declared
      expired interests count for 6 months after they end

    quorum lcp-board
      at least 50% of voting members
      members excluded for a conflict do not count
      when not met: refer to icb-board

    test "Direct award goes to the LCP Board"
      decision { kind: contract-award, value: £500k, budget: icb-delegated, date: 2023-11-23 }
      expect approval by lcp-board
      expect no approval by place-lead
    """

    func testTheSketchChecksWithTheMeaningItStates() throws {
        let (program, diagnostics) = Checker.check(RuleLoader.load(text: SketchCompatibilityTests.sketch))
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let checked = try XCTUnwrap(program)
        let policy = try XCTUnwrap(checked.conflicts)
        XCTAssertEqual(policy.relevantFields.map { checked.fields[$0].name }, ["counterparty"])
        XCTAssertEqual(policy.relationSteps, 2)
        XCTAssertEqual(policy.relations, [.memberOf, .ownedBy, .holdsContractFrom])
        XCTAssertEqual(policy.levels, [.financial: .exclude, .indirect: .noVote, .nonFinancialProfessional: .declare, .employment: .exclude])
        XCTAssertEqual(policy.lookBack, Duration(amount: 6, unit: .months))
        let quorum = try XCTUnwrap(checked.committees[checked.bodyIndex["lcp-board"]!]?.quorum)
        XCTAssertFalse(quorum.conflictedMembersCount)
        XCTAssertEqual(quorum.whenNotMet, .referTo(checked.bodyIndex["icb-board"]!))
        XCTAssertEqual(checked.fields.map(\.name).suffix(2), ["route", "salary"])
        XCTAssertEqual(checked.tests.count, 1)
    }
}
