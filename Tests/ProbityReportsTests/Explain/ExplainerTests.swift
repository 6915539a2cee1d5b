import ProbitySemantics
import ProbitySupport
import ProbityTestSupport
import XCTest
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
}
