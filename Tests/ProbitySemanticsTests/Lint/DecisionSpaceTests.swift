@testable import ProbitySemantics
import ProbitySyntax
import XCTest

/// The interval arithmetic, value partitions and boxes lint's analysis rests on.
final class DecisionSpaceTests: XCTestCase {
    func testIntervalSetsNormaliseAndSubtract() {
        let set = IntervalSet([5...9, 0...2, 3...4, 20...30])
        XCTAssertEqual(set.intervals, [0...9, 20...30])
        XCTAssertEqual(set.subtracting(IntervalSet([2...21])).intervals, [0...1, 22...30])
        XCTAssertEqual(set.intersection(IntervalSet([8...25])).intervals, [8...9, 20...25])
        XCTAssertEqual(IntervalSet(0...Int64.max).subtracting(IntervalSet(0...100)).intervals, [101...Int64.max])
        XCTAssertTrue(IntervalSet([1...2]).isSubset(of: set))
        XCTAssertFalse(IntervalSet([1...2], missing: true).isSubset(of: set))
        XCTAssertEqual(set.count, 21)
    }

    func testBoxesMeetAndContainAxisByAxis() {
        let whole = Box([IntervalSet(0...9), IntervalSet(0...9, missing: true)])
        let inner = Box([IntervalSet(3...5), IntervalSet(3...5)])
        let apart = Box([IntervalSet(10...12), IntervalSet(3...5)])
        XCTAssertTrue(inner.isSubset(of: whole))
        XCTAssertFalse(whole.isSubset(of: inner))
        XCTAssertTrue(inner.intersects(whole))
        XCTAssertFalse(apart.intersects(whole))
        XCTAssertTrue(Box([IntervalSet(0...1), .onlyMissing]).intersects(whole))
        XCTAssertEqual(inner.intersection(whole), inner)
        XCTAssertNil(apart.intersection(whole))
    }

    func testConditionsFollowThreeValuedLogic() {
        let loaded = RuleLoader.load(text: """
        fields
          place: one of bromley, bexley, lambeth
          value: money
        body board "Board"
        rule A "a"
          when (place is not present or place = bromley) and not (value > £1m)
          require approval by board
        """)
        let (program, _) = Checker.check(loaded)
        let space = DecisionSpace(program: program!)
        let (boxes, complete) = space.regions(of: space.regions[0].node!)
        XCTAssertTrue(complete)
        XCTAssertEqual(boxes.count, 1)
        let place = space.dimensionOfField[program!.fieldIndex["place"]!]!
        let value = space.dimensionOfField[program!.fieldIndex["value"]!]!
        XCTAssertEqual(boxes[0].sets[place], IntervalSet(0...0, missing: true))
        // `not (value > £1m)` is unknown, not true, when the value is left out.
        XCTAssertEqual(boxes[0].sets[value], IntervalSet(0...100_000_000))
        XCTAssertEqual(space.describe(boxes[0].sets[value], on: value, program: program!), "value up to £1,000,000")
    }

    func testAxesAreCutAtTheRulesOwnBounds() {
        let partition = ValuePartition(domain: 0...Int64.max, canBeMissing: true, isOrdered: true,
                                       tested: [IntervalSet(0...25_000_000), IntervalSet(25_000_001...100_000_000), IntervalSet(50...Int64.max)])
        XCTAssertEqual(partition.cells, [IntervalSet(0...49), IntervalSet(50...25_000_000), IntervalSet(25_000_001...100_000_000),
                                         IntervalSet(100_000_001...Int64.max), .onlyMissing])
        XCTAssertEqual(partition.cell(of: 25_000_000), 1)
        XCTAssertEqual(partition.cell(of: Int64.max), 3)
        XCTAssertEqual(partition.cells(meeting: IntervalSet(50...100_000_000, missing: true)), [false, true, true, false, true])
        XCTAssertEqual(partition.set(of: [false, true, true, false, true]), IntervalSet(50...100_000_000, missing: true))
        let enumeration = ValuePartition(domain: 0...2, canBeMissing: false, isOrdered: false, tested: [])
        XCTAssertEqual(enumeration.cells, [IntervalSet(0...0), IntervalSet(1...1), IntervalSet(2...2)])
    }

    /// A condition whose disjunctive normal form has 4,096 boxes (the old analysis gave up on
    /// it) is one small diagram, and its gaps are read back exactly.
    func testAConditionWithThousandsOfCasesIsAnalysedExactly() {
        let fields = (0..<12).map { "  required a\($0): money\n  required b\($0): money\n" }.joined()
        let condition = (0..<12).map { "(a\($0) > £1 or b\($0) > £1)" }.joined(separator: " and ")
        let text = "scheme \"x\"\nfields\n  required kind: one of k\n\(fields)body board \"Board\"\nrule BIG \"big\"\n  when kind = k and \(condition)\n  require approval by board\n"
        let (program, _) = Checker.check(RuleLoader.load(text: text))
        let space = DecisionSpace(program: program!)
        XCTAssertLessThan(space.diagram.nodes(from: space.regions[0].node!).count, 40)
        let findings = Linter(rules: [GapRule(limit: 100)]).lint(program!, space)
        // The gaps: some pair (a_i, b_i) both at most £1, which is 12 regions.
        XCTAssertEqual(findings.flatMap(\.regions).count, 12)
        XCTAssertEqual(findings.map(\.diagnostic.message).sorted().first, "k, a0 up to £1, b0 up to £1: nobody may approve")
    }
}
