@testable import ProbitySemantics
import ProbityTestSupport
import XCTest

/// The diagram engine: reduction, hash-consing, the set operations against plain sets of
/// cell tuples, and the budget.
final class DecisionDiagramTests: XCTestCase {
    /// Every tuple of cells of a diagram with the given cell counts.
    func tuples(_ counts: [Int]) -> [[Int]] {
        counts.reduce([[]]) { partial, count in partial.flatMap { t in (0..<count).map { t + [$0] } } }
    }

    func contains(_ diagram: DecisionDiagram, _ node: DiagramNode, _ tuple: [Int]) -> Bool {
        var n = node
        while n >= 2 {
            let level = diagram.level(n)
            n = diagram.child(n, tuple[level], at: level)
        }
        return n == DecisionDiagram.all
    }

    func testEqualSetsAreTheSameNodeAndNoNodeHasEqualChildren() throws {
        let diagram = DecisionDiagram(cellCounts: [3, 2])
        let a = try diagram.box([[true, false, true], nil])
        let b = try diagram.or(diagram.box([[true, false, false], nil]), diagram.box([[false, false, true], nil]))
        XCTAssertEqual(a, b)
        XCTAssertEqual(try diagram.box([[true, true, true], [true, true]]), DecisionDiagram.all)
        XCTAssertEqual(try diagram.node(level: 1, [0, 0]), DecisionDiagram.empty)
        XCTAssertEqual(try diagram.and(a, diagram.not(a)), DecisionDiagram.empty)
        XCTAssertEqual(try diagram.or(a, diagram.not(a)), DecisionDiagram.all)
    }

    /// Seeded: random unions of boxes over four small axes; every operation agrees with the same
    /// operation on explicit sets of tuples.
    func testOperationsAgreeWithExplicitSets() throws {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let counts = [3, 4, 2, 3]
        let all = tuples(counts)
        for _ in 0..<40 {
            let diagram = DecisionDiagram(cellCounts: counts)
            func randomSet() throws -> (DiagramNode, Set<[Int]>) {
                var node = DecisionDiagram.empty
                var set: Set<[Int]> = []
                for _ in 0..<random.below(4) {
                    let chosen: [[Bool]?] = counts.map { count in
                        random.below(3) == 0 ? nil : (0..<count).map { _ in random.below(2) == 0 }
                    }
                    node = try diagram.or(node, diagram.box(chosen))
                    for t in all where t.indices.allSatisfy({ chosen[$0]?[t[$0]] ?? true }) { set.insert(t) }
                }
                return (node, set)
            }
            let (a, sa) = try randomSet(), (b, sb) = try randomSet()
            let and = try diagram.and(a, b), or = try diagram.or(a, b), minus = try diagram.subtracting(a, b)
            for t in all {
                XCTAssertEqual(contains(diagram, a, t), sa.contains(t), "seed \(seed)")
                XCTAssertEqual(contains(diagram, and, t), sa.contains(t) && sb.contains(t), "seed \(seed)")
                XCTAssertEqual(contains(diagram, or, t), sa.contains(t) || sb.contains(t), "seed \(seed)")
                XCTAssertEqual(contains(diagram, minus, t), sa.contains(t) && !sb.contains(t), "seed \(seed)")
            }
            XCTAssertEqual(try diagram.isSubset(a, of: b), sa.isSubset(of: sb), "seed \(seed)")
            XCTAssertEqual(a == DecisionDiagram.empty, sa.isEmpty, "seed \(seed)")
        }
    }

    func testTheNodeBudgetStopsTheWorkAndEverythingAfterIt() {
        let diagram = DecisionDiagram(cellCounts: [2, 2, 2], budget: LintBudget(maxNodes: 2))
        XCTAssertNoThrow(try diagram.box([[true, false], [true, false], nil]))
        XCTAssertThrowsError(try diagram.box([[false, true], [false, true], [true, false]]))
        XCTAssertTrue(diagram.isExhausted)
        XCTAssertThrowsError(try diagram.checkBudget())
    }
}
