import ProbitySemantics
import ProbityTestSupport
import XCTest
@testable import ProbityEngine
import ProbityReports

/// The trace of the one evaluator: which nodes it reports, in what order, with what truth, and
/// how explanations word them.
final class ConditionTraceTests: XCTestCase {
    private let scheme = """
    scheme "Trace" version "1" effective from 2020-01-01
    fields
      kind: one of award, waiver
      value: money
      route: text
    body board "Board"
    rule R "traced"
      when kind = award and (value > £10 or not value < £5) and route != "fast"
      require approval by board
    rule T "text one of"
      when route in {"slow", "steady"}
      require approval by board
    rule U "no condition"
      require approval by board

    """

    private func setUp(_ json: String) throws -> (Plan, Decision) {
        let plan = try XCTUnwrap(makePlan(scheme))
        return (plan, try XCTUnwrap(makeDecision(plan, json)))
    }

    /// Nodes of `rule`'s tree, each reported once, parts before the node they belong to.
    private func treeNodes(_ plan: Plan, _ node: Int32) -> [Int32] {
        switch plan.shape(of: node) {
        case .all(let parts), .any(let parts): parts.flatMap { treeNodes(plan, $0) } + [node]
        case .not(let part): treeNodes(plan, part) + [node]
        case .written: [node]
        }
    }

    func testTheTraceReportsEveryNodeOnceAfterItsPartsEndingWithTheRoot() throws {
        // `kind = waiver` makes the first conjunct false: the hot path stops there, the recording
        // tracer goes on, so every node has its event.
        let (plan, decision) = try setUp(#"{"id": "d", "date": "2024-01-01", "kind": "waiver", "value": "£7", "route": "fast"}"#)
        let (truth, trace) = plan.trace(rule: 0, decision)
        XCTAssertEqual(truth, .no)
        XCTAssertEqual(truth, plan.truth(ofRule: 0, decision))
        let root = plan.roots[0]
        XCTAssertEqual(trace.events.last, ConditionTrace.Event(node: root, truth: .no))
        let events = trace.events.map(\.node)
        XCTAssertEqual(Set(events).count, events.count, "a node reported twice")
        // Leaves of the written tests (the equality under `!=`) are reported by the evaluator too.
        XCTAssertEqual(Set(events).intersection(treeNodes(plan, root)), Set(treeNodes(plan, root)))
        let conjuncts = plan.conjunctNodes(ofRule: 0)
        XCTAssertEqual(conjuncts.map { trace.truth(of: $0) }, [.no, .yes, .no])
        for (position, node) in events.enumerated() {
            if case .all(let parts) = plan.shape(of: node) {
                for part in parts { XCTAssertLessThan(try XCTUnwrap(events.firstIndex(of: part)), position) }
            }
        }
    }

    /// A tracer that lets `all` stop early, as the hot path's does: it sees only the nodes the
    /// hot path evaluates, and the same truth.
    private struct CountingTracer: ConditionTracer {
        static var visitsEveryPart: Bool { false }
        var nodes: [Int32] = []
        mutating func evaluated(_ node: Int32, _ truth: Truth) { nodes.append(node) }
    }

    func testTheHotPathStopsAtTheFirstFalsePartWithTheSameTruth() throws {
        let (plan, decision) = try setUp(#"{"id": "d", "date": "2024-01-01", "kind": "waiver", "value": "£7", "route": "fast"}"#)
        var counting = CountingTracer()
        let truth = plan.conditions.evaluate(plan.roots[0], decision, tracer: &counting)
        XCTAssertEqual(truth, .no)
        XCTAssertEqual(counting.nodes, [plan.conjunctNodes(ofRule: 0)[0], plan.roots[0]])
        XCTAssertGreaterThan(plan.trace(rule: 0, decision).trace.events.count, counting.nodes.count)
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

    func testATextOneOfIsOneWrittenTest() throws {
        let (plan, decision) = try setUp(#"{"id": "d", "date": "2024-01-01", "kind": "award", "value": "£3", "route": "fast"}"#)
        let (truth, trace) = plan.trace(rule: 1, decision)
        XCTAssertEqual(truth, .no)
        let root = plan.roots[1]
        XCTAssertEqual(plan.branchNodes(ofRule: 1), [root])
        XCTAssertEqual(ConditionWording(plan: plan).reason(root, in: trace), "`route` is \"fast\", not one of \"slow\", \"steady\"")
        // The compiler's equalities are evaluated (and reported) under it.
        XCTAssertEqual(trace.events.count, 3)
    }

    func testARuleWithoutAConditionHoldsWithAnEmptyTrace() throws {
        let (plan, decision) = try setUp(#"{"id": "d", "date": "2024-01-01"}"#)
        let (truth, trace) = plan.trace(rule: 2, decision)
        XCTAssertEqual(truth, .yes)
        XCTAssertTrue(trace.events.isEmpty)
        XCTAssertEqual(plan.conjunctNodes(ofRule: 2), [])
    }
}
