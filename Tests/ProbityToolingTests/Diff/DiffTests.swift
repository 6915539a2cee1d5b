import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityEngine
@testable import ProbityTooling

final class DiffTests: XCTestCase {
    private let old = """
        scheme "S" version "1"
        fields
          required kind: one of contract-award, s75-variation
          value: money
        body board "Board"
        body lcp "LCP"
          committee of board
        body leader "Leader"
        procedure standstill "Standstill"
        rule LCP "up to £1m"
          when kind = contract-award and value <= £1m
          require approval by lcp
        rule BOARD "over £1m"
          when kind = contract-award and value > £1m
          require approval by board
        rule S75 "s75"
          when kind = s75-variation
          require approval by board
          require notice to leader
        """

    private func plans(_ newText: String) throws -> (Plan, Plan) {
        (try XCTUnwrap(makePlan(old)), try XCTUnwrap(makePlan(newText)))
    }

    private func impact(_ newText: String, _ lines: [String]) throws -> DecisionImpact {
        let (a, b) = try plans(newText)
        var impact = DecisionImpact(old: a, new: b)
        for (index, line) in lines.enumerated() { impact.add(line: index + 1, json: Array(line.utf8)) }
        return impact
    }

    func testUnchangedRulesChangeNothing() throws {
        let result = try impact(old, [#"{"id": "a", "date": "2024-01-01", "kind": "contract-award", "value": "£2m"}"#])
        XCTAssertEqual(result.compared, 1)
        XCTAssertTrue(result.changes.isEmpty)
        XCTAssertTrue(RuleChanges(old: result.old.program, new: result.new.program).isEmpty)
    }

    func testRaisedLimitMovesTheApprover() throws {
        let newText = old.replacingOccurrences(of: "value <= £1m", with: "value <= £2m")
            .replacingOccurrences(of: "value > £1m", with: "value > £2m")
        let result = try impact(newText, [
            #"{"id": "moves", "date": "2024-01-01", "kind": "contract-award", "value": "£1.5m"}"#,
            #"{"id": "stays", "date": "2024-01-01", "kind": "contract-award", "value": "£3m"}"#,
        ])
        XCTAssertEqual(result.changes.map(\.decision), ["moves"])
        XCTAssertEqual(result.groups.map(\.kind), [.approverAdded, .approverRemoved])
        XCTAssertEqual(result.groups[0].entries[0].details, ["approval by lcp added (rule LCP)"])
        XCTAssertEqual(result.groups[1].entries[0].details, ["approval by board removed (was rule BOARD)"])

        let rules = RuleChanges(old: result.old.program, new: result.new.program)
        XCTAssertEqual(rules.rulesChanged.map(\.id), ["LCP", "BOARD"])
        XCTAssertEqual(rules.rulesChanged[0].changes, ["condition: `kind = contract-award and value <= £1m` → `kind = contract-award and value <= £2m`"])
    }

    func testRemovedRuleLosesAuthorityAndNotice() throws {
        let newText = old.components(separatedBy: "rule S75")[0]
        let result = try impact(newText, [#"{"id": "v", "date": "2024-01-01", "kind": "s75-variation"}"#])
        XCTAssertEqual(result.groups.map(\.kind), [.authorityLost, .approverRemoved, .noticeRemoved])
        let change = try XCTUnwrap(result.changes.first)
        XCTAssertEqual(change.oldOutcome, .authorised)
        XCTAssertEqual(change.newOutcome, .noAuthority)
        let rules = RuleChanges(old: result.old.program, new: result.new.program)
        XCTAssertEqual(rules.rulesRemoved.map(\.id), ["S75"])
    }

    func testAddedProcedurePeriodAndFieldsAreSummarised() throws {
        let newText = old.replacingOccurrences(of: "  value: money\n", with: "  value: money\n  route: one of open, direct\n") + """

            rule PSR "standstill"
              effective from 2024-01-01
              when kind = contract-award
              require procedure standstill
            """
        let result = try impact(newText, [
            #"{"id": "before", "date": "2023-12-31", "kind": "contract-award", "value": "£1"}"#,
            #"{"id": "after", "date": "2024-01-01", "kind": "contract-award", "value": "£1"}"#,
            #"{"id": "uses-new-field", "date": "2024-01-01", "kind": "contract-award", "value": "£1", "route": "open"}"#,
        ])
        XCTAssertEqual(result.changes.map(\.decision), ["after"])
        XCTAssertEqual(result.groups.map(\.kind), [.procedureAdded])
        XCTAssertEqual(result.invalidUnderOld.map(\.line), [3])
        XCTAssertTrue(result.invalidUnderNew.isEmpty)
        let rules = RuleChanges(old: result.old.program, new: result.new.program)
        XCTAssertEqual(rules.rulesAdded.map(\.id), ["PSR"])
        XCTAssertEqual(rules.fieldsAdded, ["route"])
    }

    func testRequirementsAndPeriodChangesOfOneRule() throws {
        let newText = old.replacingOccurrences(of: "rule S75 \"s75\"\n", with: "rule S75 \"s75\"\n  effective until 2030-01-01\n")
            .replacingOccurrences(of: "require notice to leader", with: "require notice to leader deemed approved after 5 days without objection")
        let rules = RuleChanges(old: try XCTUnwrap(makePlan(old)).program, new: try XCTUnwrap(makePlan(newText)).program)
        XCTAssertEqual(rules.rulesChanged.first?.changes, ["period: always → until 2030-01-01",
                                                          "notice to: leader → leader (deemed approved after 5 days)"])
    }
}
