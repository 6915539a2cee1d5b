import ProbitySupport
import ProbityTestSupport
import XCTest

final class StringJoinedTests: XCTestCase {
    /// `String.joined` gives what `+` gives for any three texts: empty ones, ASCII, pound signs,
    /// accents written as one scalar or two, emoji, and strings bridged from substrings.
    func testJoinedIsConcatenation() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        let pieces = ["", "`value` is ", "£9,424.60", ", not in (£10,000 .. £11,848]", "e\u{301}", "é", "😀", "\"\\\n", "x"]
        func text() -> String {
            var text = ""
            for _ in 0..<generator.inRange(0...4) { text += pieces[generator.below(pieces.count)] }
            // Some from a slice of a longer string, so not every piece is a native string of its own.
            if generator.below(3) == 0 { return String(("[" + text + "]").dropFirst().dropLast()) }
            return text
        }
        for round in 0..<2_000 {
            let (a, b, c) = (text(), text(), text())
            let joined = String.joined(a, b, c)
            XCTAssertEqual(joined, a + b + c, "seed \(seed), round \(round)")
            XCTAssertEqual(Array(joined.utf8), Array(a.utf8) + Array(b.utf8) + Array(c.utf8), "seed \(seed), round \(round)")
        }
        XCTAssertEqual(String.joined("", "", ""), "")
    }
}
