import ProbitySupport
import ProbityTestSupport
import XCTest

/// `ExactText` is equal exactly when the UTF-8 bytes are (seeded: random short strings of a few
/// letters, accents as one scalar or two, and the empty string), and equal keys hash alike.
final class ExactTextTests: XCTestCase {
    func testEqualExactlyWhenTheBytesAre() {
        var (seed, random) = TestSeed.generator()
        let pieces = ["a", "b", "\u{E9}", "e\u{301}", " ", "Dr ", "\u{5F20}", ""]
        func text() -> String { (0..<random.below(4)).map { _ in pieces[random.below(pieces.count)] }.joined() }
        for _ in 0..<20_000 {
            let a = text(), b = text()
            XCTAssertEqual(ExactText(a) == ExactText(b), Array(a.utf8) == Array(b.utf8), "seed \(seed): \(Array(a.utf8)) \(Array(b.utf8))")
            if Array(a.utf8) == Array(b.utf8) { XCTAssertEqual(ExactText(a).hashValue, ExactText(b).hashValue, "seed \(seed)") }
        }
        // Canonically equivalent, different bytes: different keys, each kept apart in a table.
        let table = [ExactText("Jos\u{E9}"): 1, ExactText("Jose\u{301}"): 2]
        XCTAssertEqual(table.count, 2)
        XCTAssertEqual(table[ExactText("Jose\u{301}")], 2)
    }
}
