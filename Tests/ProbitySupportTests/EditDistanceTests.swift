import XCTest
@testable import ProbitySupport

final class EditDistanceTests: XCTestCase {
    func testClassicPairs() {
        XCTAssertEqual(editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(editDistance("sitting", "kitten"), 3)
        XCTAssertEqual(editDistance("flaw", "lawn"), 2)
        XCTAssertEqual(editDistance("intention", "execution"), 5)
        XCTAssertEqual(editDistance("lcp-board", "lcp-board"), 0)
        XCTAssertEqual(editDistance("lcp-bord", "lcp-board"), 1)
        XCTAssertEqual(editDistance("lcp-baord", "lcp-board"), 2)  // a transposition is two edits
    }

    func testEmptyStrings() {
        XCTAssertEqual(editDistance("", ""), 0)
        XCTAssertEqual(editDistance("", "abc"), 3)
        XCTAssertEqual(editDistance("abc", ""), 3)
    }

    func testCountsUnicodeScalars() {
        XCTAssertEqual(editDistance("café", "cafe"), 1)
        XCTAssertEqual(editDistance("£250k", "$250k"), 1)
        XCTAssertEqual(editDistance("😀", "😃"), 1)
        // A decomposed é is two scalars: one deletion and one substitution away.
        XCTAssertEqual(editDistance("cafe\u{301}", "café"), 2)
    }

    func testMetricProperties() {
        let words = ["", "a", "ab", "abc", "board", "lcp-board", "cabinet", "finance-committee", "café"]
        for x in words {
            for y in words {
                let d = editDistance(x, y)
                XCTAssertEqual(d, editDistance(y, x))
                XCTAssertEqual(d == 0, x == y)
                XCTAssertGreaterThanOrEqual(d, abs(x.unicodeScalars.count - y.unicodeScalars.count))
                XCTAssertLessThanOrEqual(d, max(x.unicodeScalars.count, y.unicodeScalars.count))
                for z in words {
                    XCTAssertLessThanOrEqual(d, editDistance(x, z) + editDistance(z, y))
                }
            }
        }
    }

    func testClosestMatchSuggestsNearbyNames() {
        let bodies = ["lcp-board", "finance-committee", "cabinet", "audit-panel"]
        XCTAssertEqual(closestMatch(to: "lcp-bord", among: bodies), "lcp-board")
        XCTAssertEqual(closestMatch(to: "lcp-baord", among: bodies), "lcp-board")
        XCTAssertEqual(closestMatch(to: "finance-comittee", among: bodies), "finance-committee")
        XCTAssertEqual(closestMatch(to: "cabinte", among: bodies), "cabinet")
        XCTAssertEqual(closestMatch(to: "valeu", among: ["value", "date", "kind"]), "value")
        XCTAssertNil(closestMatch(to: "planning", among: bodies))
        XCTAssertNil(closestMatch(to: "anything", among: [String]()))
    }

    func testClosestMatchThreshold() {
        // Nine scalars allow three edits; a fourth is too many.
        XCTAssertEqual(closestMatch(to: "abcdefghi", among: ["abcdefxyz"]), "abcdefxyz")
        XCTAssertNil(closestMatch(to: "abcdefghi", among: ["abcdewxyz"]))
        // Short names always allow one edit.
        XCTAssertEqual(closestMatch(to: "ab", among: ["ac"]), "ac")
        XCTAssertNil(closestMatch(to: "ab", among: ["cd"]))
        XCTAssertEqual(closestMatch(to: "", among: ["x"]), "x")
        XCTAssertNil(closestMatch(to: "", among: ["xy"]))
        // Four scalars: (4 + 1) / 3 = 1 edit only; five allow two.
        XCTAssertEqual(closestMatch(to: "kind", among: ["kinds"]), "kinds")
        XCTAssertNil(closestMatch(to: "kind", among: ["kindly"]))
        XCTAssertEqual(closestMatch(to: "board", among: ["boarded"]), "boarded")
        XCTAssertNil(closestMatch(to: "board", among: ["boardroom"]))
    }

    func testClosestMatchPrefersNearestThenSmallest() {
        XCTAssertEqual(closestMatch(to: "abcdef", among: ["abcxyz", "abcdxf", "abcdey"]), "abcdey")
        XCTAssertEqual(closestMatch(to: "cat", among: ["cot", "bat", "cut"]), "bat")
        XCTAssertEqual(closestMatch(to: "cat", among: ["cut", "cot", "bat"]), "bat")
        XCTAssertEqual(closestMatch(to: "cat", among: ["cat", "bat"]), "cat")
        XCTAssertEqual(closestMatch(to: "cat", among: Set(["hat", "mat", "rat"])), "hat")
    }
}
