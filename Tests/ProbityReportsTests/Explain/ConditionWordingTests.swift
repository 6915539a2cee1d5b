import ProbitySemantics
import ProbityTestSupport
import XCTest
import ProbityEngine
import ProbityReports

/// How explanations word a trace of the plan's evaluation: as the rule author wrote each test,
/// with the truths the evaluator reported.
final class ConditionWordingTests: XCTestCase {
    private func setUp(_ json: String) throws -> (Plan, Decision) {
        try TracedScheme.planAndDecision(json)
    }

    func testUnknownIsReportedForTheMissingFieldAndWorded() throws {
        let (plan, decision) = try setUp(#"{"id": "d", "date": "2024-01-01", "kind": "award", "route": "slow"}"#)
        let (truth, trace) = plan.trace(rule: 0, decision)
        XCTAssertEqual(truth, .unknown)
        let wording = ConditionWording(plan: plan)
        let conjuncts = plan.conjunctNodes(ofRule: 0)
        XCTAssertEqual(trace.truth(of: conjuncts[1]), .unknown)
        XCTAssertEqual(wording.reason(conjuncts[1], in: trace), "`value` is not given")
    }

    func testWrittenTestsAreWordedAsWrittenNotAsCompiled() throws {
        let (plan, decision) = try setUp(#"{"id": "d", "date": "2024-01-01", "kind": "award", "value": "£3", "route": "fast"}"#)
        let (_, trace) = plan.trace(rule: 0, decision)
        let wording = ConditionWording(plan: plan)
        let conjuncts = plan.conjunctNodes(ofRule: 0)
        // `route != "fast"` is compiled as `not (route = "fast")` but read as written.
        guard case .written(.compare(_, .notEqual, _, _)) = plan.shape(of: conjuncts[2]) else {
            return XCTFail("the `!=` is not worded as written: \(plan.shape(of: conjuncts[2]))")
        }
        XCTAssertEqual(wording.reason(conjuncts[2], in: trace), "`route` is \"fast\", not other than \"fast\"")
        // No part of the `any` held: every part is the reason.
        XCTAssertEqual(trace.truth(of: conjuncts[1]), .no)
        XCTAssertEqual(wording.reason(conjuncts[1], in: trace),
                       "`value` is £3, not above £10, and it is not the case that `value` is £3, below £5")
        XCTAssertEqual(wording.reason(conjuncts[0], in: trace), "`kind` is award")
    }

    func testATextOneOfIsWordedAsOneTest() throws {
        let (plan, decision) = try setUp(#"{"id": "d", "date": "2024-01-01", "kind": "award", "value": "£3", "route": "fast"}"#)
        let (_, trace) = plan.trace(rule: 1, decision)
        XCTAssertEqual(ConditionWording(plan: plan).reason(plan.roots[1], in: trace), "`route` is \"fast\", not one of \"slow\", \"steady\"")
    }
}
