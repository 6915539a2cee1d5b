import ProbitySupport
import ProbityTestSupport
import XCTest

final class OwnStorageTests: XCTestCase {
    /// A copy with storage of its own is the same text, byte for byte, and (when the text is too
    /// long to be kept inline) not in the original's buffer: ASCII, pound signs, accents written
    /// as one scalar or two, emoji, quotes and strings bridged from substrings.
    func testStringCopyIsEqualAndSeparate() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        let pieces = ["", "contract-award", "£9,424.60", "NHS South East London ICB Board", "e\u{301}", "é", "😀", "\"\\\n", "x"]
        for round in 0..<2_000 {
            var text = ""
            for _ in 0..<generator.inRange(0...6) { text += pieces[generator.below(pieces.count)] }
            if generator.below(3) == 0 { text = String(("[" + text + "]").dropFirst().dropLast()) }
            var copy = text.withOwnStorage
            XCTAssertEqual(copy, text, "seed \(seed), round \(round)")
            XCTAssertEqual(Array(copy.utf8), Array(text.utf8), "seed \(seed), round \(round)")
            guard text.utf8.count > 15 else { continue }   // shorter texts are kept inline, with no buffer
            var original = text
            let a = original.withUTF8 { UInt(bitPattern: $0.baseAddress) }
            let b = copy.withUTF8 { UInt(bitPattern: $0.baseAddress) }
            XCTAssertNotEqual(a, b, "seed \(seed), round \(round): the copy shares the original's buffer")
        }
    }

    func testArrayCopyIsEqualAndSeparate() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        for round in 0..<200 {
            let array = (0..<generator.inRange(1...40)).map { _ in generator.below(1_000) }
            let copy = array.withOwnStorage
            XCTAssertEqual(copy, array, "seed \(seed), round \(round)")
            let a = array.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
            let b = copy.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
            XCTAssertNotEqual(a, b, "seed \(seed), round \(round): the copy shares the original's buffer")
        }
        XCTAssertEqual([Int]().withOwnStorage, [])
    }

    func testEncodedStringCopy() {
        let encoded = EncodedJSONString("the \"Bromley\" ICB (group) £1.2m")
        let copy = encoded.withOwnStorage
        XCTAssertEqual(copy.text, encoded.text)
        XCTAssertEqual(copy.json, encoded.json)
        let a = encoded.json.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let b = copy.json.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        XCTAssertNotEqual(a, b)
    }
}
