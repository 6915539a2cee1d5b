import ProbitySupport
import ProbityTestSupport
import XCTest

final class SortedSearchTests: XCTestCase {
    /// Binary search agrees with reading the array in order: the first position in a range
    /// holding the bound or more, and whether a value is held, on random ascending arrays with
    /// repeats, empty ranges and bounds outside every element.
    func testBinarySearchIsTheFirstPositionReadingInOrderFinds() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        for round in 0..<2_000 {
            let values = (0..<generator.below(40)).map { _ in Int32(generator.below(30)) }.sorted()
            let bound = Int32(generator.below(34)) - 2
            let start = generator.below(values.count + 1)
            let end = start + generator.below(values.count - start + 1)
            let expected = (start..<end).first { values[$0] >= bound } ?? end
            XCTAssertEqual(values.firstIndex(notBelow: bound, in: start..<end), expected, "seed \(seed), round \(round): \(values) from \(start) to \(end), \(bound)")
            XCTAssertEqual(values.sortedContains(bound), values.contains(bound), "seed \(seed), round \(round): \(values), \(bound)")
        }
        XCTAssertFalse([Int32]().sortedContains(0))
        XCTAssertEqual([Int32]().firstIndex(notBelow: 5, in: 0..<0), 0)
    }
}
