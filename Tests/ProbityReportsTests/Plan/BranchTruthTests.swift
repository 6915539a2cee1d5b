import ProbityReports
import ProbitySemantics
import ProbityTestSupport
import XCTest

/// Coverage and explanations take every truth from the compiled plan. The explainer, which
/// only words conditions, is held here to the same truths on every branch, so its sentences
/// never describe a different answer.
final class BranchTruthTests: XCTestCase {
    func testThePlanAndTheExplainerAgreeOnEveryBranch() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        let explainer = ConditionExplainer(program: plan.program)
        let decisions = [
            #"{"id": "a", "date": "2024-03-01", "kind": "contract-award", "value": "£250k"}"#,
            #"{"id": "b", "date": "2024-03-01", "kind": "contract-award", "value": "£250,000.01", "counterparty": "BHC"}"#,
            #"{"id": "c", "date": "2023-03-01", "kind": "s75-variation", "value": "£2m"}"#,
            #"{"id": "d", "date": "2024-03-01", "kind": "appointment"}"#,
            #"{"id": "e", "date": "2024-03-01"}"#,
        ]
        var seen = 0
        for json in decisions {
            let decision = try XCTUnwrap(makeDecision(plan, json))
            for (rule, definition) in plan.program.rules.enumerated() {
                for (index, branch) in (definition.condition?.branches ?? []).enumerated() {
                    XCTAssertEqual(plan.truth(ofBranch: index, rule: rule, decision), explainer.explain(branch, decision).truth,
                                   "rule \(definition.id), branch \(index), decision \(decision.id)")
                    seen += 1
                }
            }
            let explained = Explainer(plan: plan).explain(decision)
            let fired = Set(plan.match(decision).fired.map { plan.program.rules[Int($0)].id })
            XCTAssertEqual(Set(explained.rules(.fired).map(\.rule.id)), fired, "decision \(decision.id)")
        }
        XCTAssertGreaterThan(seen, 40)
    }
}
