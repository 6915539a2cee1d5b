import ProbityReports
import ProbitySemantics
import ProbityTestSupport
import XCTest
import ProbityEngine

/// Coverage reads each branch's truth from a trace of its rule's whole condition. A branch is
/// a pure function of the decision: inside the tree it has the truth it has compiled alone, so
/// what coverage records is what the branch does, whatever the rest of the condition says.
final class BranchTruthTests: XCTestCase {
    func testEveryBranchHasInItsRuleTheTruthItHasAlone() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
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
                let (_, trace) = plan.trace(rule: rule, decision)
                let nodes = plan.branchNodes(ofRule: rule)
                let branches = definition.condition?.branches ?? []
                XCTAssertEqual(nodes.count, branches.count, "rule \(definition.id)")
                for (index, branch) in branches.enumerated() {
                    var alone = ConditionProgram()
                    let root = alone.compileRule(branch).root
                    XCTAssertEqual(trace.truth(of: nodes[index]), alone.evaluate(root, decision),
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
