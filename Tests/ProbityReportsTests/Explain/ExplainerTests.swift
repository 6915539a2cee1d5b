import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityConflicts
@testable import ProbityReports

final class ExplainerTests: XCTestCase {
    private func explain(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> Explanation? {
        guard let plan = makePlan(tieredScheme, file: file, line: line),
              let decision = makeDecision(plan, json, file: file, line: line) else { return nil }
        return Explainer(plan: plan).explain(decision)
    }

    private func verdict(_ explanation: Explanation?, _ id: String) -> Explanation.RuleVerdict? {
        explanation?.rules.first { $0.rule.id == id }
    }

    func testEveryRuleGetsAVerdictInRuleOrder() throws {
        let explanation = try XCTUnwrap(explain(#"{"id": "d", "date": "2024-03-14", "kind": "contract-award", "value": "£950,000"}"#))
        XCTAssertEqual(explanation.rules.map(\.rule.id), ["CA-1", "CA-2", "CA-3", "PSR", "S75-VAR", "S75-NOTICE", "PAY", "BHC"])
        XCTAssertEqual(explanation.rules(.fired).map(\.rule.id), ["CA-2", "PSR"])
        XCTAssertEqual(explanation.report.outcome, .authorised)
    }

    func testFailedConditionNamesTheValuesCompared() {
        let explanation = explain(#"{"id": "d", "date": "2024-03-14", "kind": "contract-award", "value": "£950,000"}"#)
        XCTAssertEqual(verdict(explanation, "CA-3")?.status, .notFired)
        XCTAssertEqual(verdict(explanation, "CA-3")?.reason, "`value` is £950,000, not above £1,000,000")
        XCTAssertEqual(verdict(explanation, "CA-1")?.reason, "`value` is £950,000, not at most £250,000")
        XCTAssertEqual(verdict(explanation, "S75-VAR")?.reason, "`kind` is contract-award, not s75-variation")
    }

    func testFiredRuleGivesEveryConditionAndWhatItRequires() {
        let fired = verdict(explain(#"{"id": "d", "date": "2024-03-14", "kind": "contract-award", "value": "£950,000"}"#), "CA-2")
        XCTAssertEqual(fired?.status, .fired)
        XCTAssertEqual(fired?.reason, "`kind` is contract-award and `value` is £950,000, in (£250,000 .. £1,000,000]")
        XCTAssertEqual(fired?.requires, ["recommendation by cpag", "approval by lcp-board"])
    }

    func testRuleOutOfItsPeriodIsNotInEffect() {
        let psr = verdict(explain(#"{"id": "d", "date": "2023-06-01", "kind": "contract-award", "value": "£950,000"}"#), "PSR")
        XCTAssertEqual(psr?.status, .notInEffect)
        XCTAssertEqual(psr?.reason, "not in effect on 2023-06-01: effective from 2024-01-01")
    }

    func testMissingFieldLeavesTheRuleUndecided() {
        let explanation = explain(#"{"id": "d", "date": "2024-03-14", "kind": "contract-award"}"#)
        let ca1 = verdict(explanation, "CA-1")
        XCTAssertEqual(ca1?.status, .undecided)
        XCTAssertEqual(ca1?.missingFields, ["value"])
        XCTAssertEqual(ca1?.reason, "`value` is not given")
        // `false and unknown` is false: a rule on another kind is decided without the value.
        XCTAssertEqual(verdict(explanation, "S75-VAR")?.status, .notFired)
        XCTAssertEqual(explanation?.report.outcome, .noAuthority)
    }

    func testExplainerAgreesWithThePlanOnEveryRule() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        let explainer = Explainer(plan: plan)
        let kinds = ["contract-award", "s75-variation", "s75-new-agreement", "appointment"]
        let amounts = ["£1", "£100,000", "£100,000.01", "£250,000", "£250,000.01", "£1m", "£1,000,000.01", nil]
        for kind in kinds {
            for amount in amounts {
                for date in ["2023-12-31", "2024-01-01"] {
                    let value = amount.map { #", "value": "\#($0)", "salary": "\#($0)""# } ?? ""
                    let decision = try XCTUnwrap(makeDecision(plan, #"{"id": "d", "date": "\#(date)", "kind": "\#(kind)"\#(value)}"#))
                    let fired = Set(plan.match(decision).fired.map { plan.program.rules[Int($0)].id })
                    let explained = Set(explainer.explain(decision).rules(.fired).map(\.rule.id))
                    XCTAssertEqual(explained, fired, "\(kind) \(amount ?? "-") \(date)")
                }
            }
        }
    }

    func testTextAndJSONRendering() throws {
        let explanation = try XCTUnwrap(explain(#"{"id": "d", "date": "2024-03-14", "kind": "contract-award", "value": "£950,000"}"#))
        let text = explanation.text
        XCTAssertTrue(text.hasPrefix("explanation of decision d (2024-03-14): authorised\n8 rules considered: 2 fired, 1 undecided, 5 did not fire, 0 not in effect\n"), text)
        XCTAssertTrue(text.contains("  - CA-3 \"over £1m\", rules.probity:"), text)
        XCTAssertTrue(text.contains("     `value` is £950,000, not above £1,000,000\n"), text)
        XCTAssertTrue(text.contains("\noutcome\n-------\ndecision d (2024-03-14): authorised"), text)
        let json = JSONWriter.pretty(explanation.json)
        XCTAssertTrue(json.contains(#""format": "probity.explanation/1""#), json)
        XCTAssertTrue(json.contains(#""status": "not-fired""#), json)
        XCTAssertTrue(json.contains(#""format": "probity.report/1""#), json)
    }

    // MARK: - Conflicts

    func testConflictsExplanationSaysWhyEachInterestDidOrDidNotCount() {
        let program = ConflictsFixtures.program()
        let register = ConflictsFixtures.register("""
            Pat Past,Borough Council,Officer,Financial Interest,Shares in Acme Health Ltd,01/01/2020,31/12/2022
            Sam Soon,Borough Council,Officer,Financial Interest,Consultancy for Acme Health Ltd,01/01/2025,
            Kim Kept,Borough Council,Officer,Financial Interest,Shares in Acme Health Ltd,01/01/2020,31/12/2023
            Ola Other,Hill Practice,Partner,Non-Financial Professional Interest,Adviser to North PCN,01/01/2020,
            Nia None,Borough Council,Officer,,,,
            """)
        let screener = ConflictScreener(program: program, register: register)
        let decision = ConflictsFixtures.award(to: "Acme Health Ltd", on: "2024-03-14", program: program)
        let explanation = screener.explain(decision, meeting: nil)
        XCTAssertTrue(explanation.hasPolicy)
        XCTAssertEqual(explanation.organisationsAtStake.first?.name, "Acme Health Ltd")
        let people = Dictionary(uniqueKeysWithValues: explanation.people.map { ($0.name, $0) })
        XCTAssertNil(people["Nia None"], "nobody naming nothing at stake is listed without a meeting")
        XCTAssertEqual(explanation.othersOnRegister, register.people.count - explanation.people.count)

        let past = people["Pat Past"]?.interests.last
        XCTAssertNil(past?.level)
        XCTAssertEqual(past?.reason.contains("ended on 2022-12-31 and the look-back of 6 months ran out on 2023-06-30"), true, past?.reason ?? "")
        let soon = people["Sam Soon"]?.interests.last
        XCTAssertNil(soon?.level)
        XCTAssertEqual(soon?.reason.contains("starts on 2025-01-01, after the decision date 2024-03-14"), true, soon?.reason ?? "")
        let kept = people["Kim Kept"]
        XCTAssertEqual(kept?.level, .exclude)
        XCTAssertEqual(kept?.interests.last?.reason.contains("still counts until 2024-06-30"), true, kept?.interests.last?.reason ?? "")

        // The levels agree with the screener's report.
        let report = screener.screen(decision, meeting: nil)
        XCTAssertEqual(Set(report.recusals.map(\.person)), Set(explanation.people.filter { $0.level != nil }.map(\.name)))
        for recusal in report.recusals { XCTAssertEqual(people[recusal.person]?.level, recusal.level, recusal.person) }
    }

    func testWithAMeetingEveryAttendeeIsListed() {
        let program = ConflictsFixtures.program()
        let register = ConflictsFixtures.register("""
            Nia None,Borough Council,Officer,Non-Financial Professional Interest,Adviser to North PCN,01/01/2020,
            """)
        let screener = ConflictScreener(program: program, register: register)
        let decision = ConflictsFixtures.award(to: "Acme Health Ltd", program: program)
        let explanation = screener.explain(decision, meeting: Meeting(body: nil, date: nil, attendees: ["Nia None", "Who Else"]))
        XCTAssertEqual(explanation.people.map(\.name), ["Nia None"])
        XCTAssertEqual(explanation.people.first?.interests.last?.reason, "names North PCN, which is not at stake")
        XCTAssertEqual(explanation.unresolved, ["Who Else"])
        XCTAssertEqual(explanation.othersOnRegister, 0)
    }
}
