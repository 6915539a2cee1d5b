import ProbitySupport
import ProbityTestSupport
import XCTest

final class ASCIITests: XCTestCase {
    /// `isASCII` reads eight bytes at a time: a byte outside ASCII anywhere, in a whole word or in
    /// the tail, at any length, is found as reading byte by byte finds it.
    func testIsASCIIIsEveryByteBelow0x80() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        let pieces = ["a", "Z", "0", " ", "\u{7F}", "é", "£", "’", "😀"]
        for round in 0..<3_000 {
            var text = ""
            for _ in 0..<generator.below(40) {
                text += generator.below(6) == 0 ? pieces[generator.below(pieces.count)] : pieces[generator.below(5)]
            }
            // Some from a slice of a longer string, so not every one is a native string of its own.
            if generator.below(4) == 0 { text = String(("[" + text + "]").dropFirst().dropLast()) }
            XCTAssertEqual(text.isASCII, text.utf8.allSatisfy { $0 < 0x80 }, "seed \(seed), round \(round): \(text.debugDescription)")
        }
        XCTAssertTrue("".isASCII)
        XCTAssertFalse("abcdefgh£".isASCII)
        XCTAssertFalse("£abcdefgh".isASCII)
    }

    func testASCIIAlphanumericBytes() {
        for byte in UInt8.min...UInt8.max {
            let expected = Character(Unicode.Scalar(byte)).isASCII && (Character(Unicode.Scalar(byte)).isLetter || Character(Unicode.Scalar(byte)).isNumber)
            XCTAssertEqual(byte.isASCIIAlphanumeric, expected, "byte \(byte)")
        }
    }
}
