import ProbitySupport
import ProbityTestSupport
import XCTest

final class BoundedEditDistanceTests: XCTestCase {
    func testKnownDistances() {
        XCTAssertEqual(editDistance("kitten", "sitting", atMost: 3), 3)
        XCTAssertNil(editDistance("kitten", "sitting", atMost: 2))
        XCTAssertEqual(editDistance("", "abc", atMost: 3), 3)
        XCTAssertNil(editDistance("", "abc", atMost: 2))
        XCTAssertEqual(editDistance("same", "same", atMost: 0), 0)
        XCTAssertNil(editDistance("same", "sane", atMost: 0))
        XCTAssertEqual(editDistance("é", "e", atMost: 1), 1)
        XCTAssertEqual(editDistance("e\u{301}", "e", atMost: 1), 1)
        XCTAssertNil(editDistance("a", "b", atMost: -1))
    }

    /// Within the limit it is the full table's distance, and over it nil, for random strings near and
    /// far: ASCII, accented letters as one scalar or two, and each made from another by a few edits.
    func testAgreesWithTheFullTable() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        let alphabet: [String] = ["a", "b", "c", "d", "e", "é", "e\u{301}", "ø", " ", "1"]
        func text(_ length: Int) -> String {
            (0..<length).map { _ in alphabet[generator.below(alphabet.count)] }.joined()
        }
        for round in 0..<3_000 {
            let a = text(generator.below(14))
            var b = a
            if generator.below(3) == 0 {
                b = text(generator.below(14))
            } else {
                for _ in 0..<generator.below(5) {
                    var scalars = Array(b.unicodeScalars)
                    let position = generator.below(scalars.count + 1)
                    switch generator.below(3) {
                    case 0: scalars.insert(alphabet[generator.below(alphabet.count)].unicodeScalars.first!, at: position)
                    case 1: if position < scalars.count { scalars.remove(at: position) }
                    default: if position < scalars.count { scalars[position] = "z" }
                    }
                    b = String(String.UnicodeScalarView(scalars))
                }
            }
            let full = editDistance(a, b)
            let limit = generator.below(6)
            XCTAssertEqual(editDistance(a, b, atMost: limit), full <= limit ? full : nil,
                           "seed \(seed), round \(round): \(a.debugDescription) / \(b.debugDescription), limit \(limit)")
        }
    }

    func testCharacterCount() {
        XCTAssertEqual(characterCount("bromley"), 7)
        XCTAssertEqual(characterCount("e\u{301}a"), 2)
        XCTAssertEqual(characterCount(""), 0)
    }
}
