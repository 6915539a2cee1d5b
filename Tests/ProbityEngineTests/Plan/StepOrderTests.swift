import ProbityEngine
import ProbitySemantics
import ProbityTestSupport
import XCTest

/// `steps in order`: the steps a decision needs, put in a paper's order across kinds.
final class StepOrderTests: XCTestCase {
    /// The steps of a verdict as words, in its order.
    private func steps(_ plan: Plan, _ json: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        guard let decision = makeDecision(plan, json, file: file, line: line) else { return [] }
        let verdict = plan.decide(decision)
        return verdict.steps.map { step in
            let index = Int(step.index)
            switch step.kind {
            case .approval:
                let approval = verdict.approvals[index]
                return "\(approval.action == .recommend ? "recommendation by" : "approval by") \(plan.program.bodies[Int(approval.body)].id)"
            case .procedure: return "procedure \(plan.program.procedures[Int(verdict.procedures[index].procedure)].id)"
            case .notice: return "notice to \(plan.program.bodies[Int(verdict.notices[index].to)].id)"
            }
        }
    }

    private func scheme(_ order: String) -> String {
        tieredScheme + """

        procedure first-look "Seen by the ICB group first"
        rule S75-FIRST "variations are seen first"
          when kind = s75-variation
          require procedure first-look
        rule S75-BD "the Borough Director approves every change"
          when kind = s75-variation
          require approval by place-lead
        \(order)
        """
    }

    func testStepsComeInTheRulesOrderAcrossKinds() throws {
        let plan = try XCTUnwrap(makePlan(scheme("""
        rule S75-ORDER "the paper's order"
          when kind = s75-variation
          require notice to council-leader
          steps in order procedure first-look, approval by council-executive, notice to council-leader, approval by place-lead
        """)))
        XCTAssertEqual(steps(plan, #"{"id":"v","date":"2023-06-01","kind":"s75-variation","value":"£200k"}"#),
                       ["procedure first-look", "approval by council-executive", "notice to council-leader", "approval by place-lead"])
        XCTAssertEqual(steps(plan, #"{"id":"v","date":"2023-06-01","kind":"s75-variation","value":"£20k"}"#),
                       ["procedure first-look", "notice to council-leader", "approval by place-lead"],
                       "a step the decision does not need is skipped")
    }

    func testARecommendationMayBeOrderedAfterAnApproval() throws {
        let plan = try XCTUnwrap(makePlan(scheme("""
        rule CA-ORDER "the board approves the budget before the group advises"
          when kind = contract-award
          require approval by lcp-board
          steps in order approval by lcp-board, recommendation by cpag
        """)))
        XCTAssertEqual(steps(plan, #"{"id":"c","date":"2023-06-01","kind":"contract-award","value":"£500k"}"#),
                       ["approval by lcp-board", "recommendation by cpag"])
    }

    func testStepsTheOrderDoesNotNameKeepTheirPlacesAroundIt() throws {
        let plan = try XCTUnwrap(makePlan(scheme("""
        rule CA-ORDER "the ICB Board's approval before the LCP Board's recommendation"
          when kind = contract-award
          require approval by icb-board
          steps in order approval by icb-board, recommendation by lcp-board
        """)))
        // Default: recommendation by lcp-board, approval by icb-board, procedure psr-standstill.
        XCTAssertEqual(steps(plan, #"{"id":"c","date":"2024-06-01","kind":"contract-award","value":"£2m"}"#),
                       ["approval by icb-board", "recommendation by lcp-board", "procedure psr-standstill"])
    }

    func testAnOrderOfWhichTheDecisionNeedsOneStepChangesNothing() throws {
        let plan = try XCTUnwrap(makePlan(scheme("""
        rule S75-ORDER "the paper's order"
          when kind = s75-variation
          require notice to council-leader
          steps in order approval by council-executive, approval by icb-board
        """)))
        // £20k: no Executive, and the ICB Board is never asked: one ordered step at most.
        XCTAssertEqual(steps(plan, #"{"id":"v","date":"2023-06-01","kind":"s75-variation","value":"£20k"}"#), [])
    }

    func testWithoutAnOrderTheVerdictListsNoSteps() throws {
        let plan = try XCTUnwrap(makePlan(tieredScheme))
        XCTAssertEqual(steps(plan, #"{"id":"c","date":"2024-06-01","kind":"contract-award","value":"£2m"}"#), [])
    }
}
