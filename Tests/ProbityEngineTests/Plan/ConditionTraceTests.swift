import ProbitySemantics
import ProbityTestSupport
import XCTest
@testable import ProbityEngine

/// The trace of the one evaluator: which nodes it reports, in what order, with what truth.
final class ConditionTraceTests: XCTestCase {
    private func setUp(_ json: String) throws -> (Plan, Decision) {
        try TracedScheme.planAndDecision(json)
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

    func testATextOneOfIsOneBranchWithTheCompilersEqualitiesUnderIt() throws {
        let (plan, decision) = try setUp(#"{"id": "d", "date": "2024-01-01", "kind": "award", "value": "£3", "route": "fast"}"#)
        let (truth, trace) = plan.trace(rule: 1, decision)
        XCTAssertEqual(truth, .no)
        let root = plan.roots[1]
        XCTAssertEqual(plan.branchNodes(ofRule: 1), [root])
        guard case .written(.oneOf) = plan.shape(of: root) else { return XCTFail("\(plan.shape(of: root))") }
        // The compiler's two equalities are evaluated (and reported) under it.
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
