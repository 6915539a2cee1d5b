@testable import ProbitySemantics
import ProbitySyntax
import XCTest

/// The interval and box arithmetic lint's analysis rests on.
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

    func testBoxSubtractionCoversExactlyTheDifference() {
        let whole = Box([IntervalSet(0...9), IntervalSet(0...9)])
        let hole = Box([IntervalSet(3...5), IntervalSet(3...5)])
        let pieces = whole.subtracting(hole)
        XCTAssertEqual(pieces.map { $0.sets.map(\.count).reduce(1, *) }.reduce(0, +), 100 - 9)
        XCTAssertFalse(pieces.contains { $0.intersects(hole) })
        XCTAssertEqual(Boxes.simplify(pieces + [hole]), [whole])
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
        let boxes = space.regions[0].boxes!
        XCTAssertEqual(boxes.count, 1)
        let place = space.dimensionOfField[program!.fieldIndex["place"]!]!
        let value = space.dimensionOfField[program!.fieldIndex["value"]!]!
        XCTAssertEqual(boxes[0].sets[place], IntervalSet(0...0, missing: true))
        // `not (value > £1m)` is unknown, not true, when the value is left out.
        XCTAssertEqual(boxes[0].sets[value], IntervalSet(0...100_000_000))
        XCTAssertEqual(space.describe(boxes[0].sets[value], on: value, program: program!), "value up to £1,000,000")
    }
}
