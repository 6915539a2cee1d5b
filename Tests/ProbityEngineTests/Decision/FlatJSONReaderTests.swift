import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityEngine

/// The reader's string scan goes eight bytes at a time while a word holds nothing that ends or
/// escapes a string; it must find what a byte-by-byte scan finds, wherever that byte falls.
final class FlatJSONReaderTests: XCTestCase {
    /// The plain scan: the closing quote, and whether the string is all ASCII; nil at an
    /// escape, a control character or no closing quote.
    private func byteByByte(_ bytes: [UInt8]) -> (range: Range<Int>, isASCII: Bool)? {
        var end = 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { return (1..<end, bytes[1..<end].allSatisfy { $0 < 0x80 }) }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            end += 1
        }
        return nil
    }

    /// The word test's lowest mark is the first quote, backslash or control byte, wherever it
    /// is and whatever the other bytes (borrows from a byte below never move it); no mark when
    /// there is none. Every special byte at every place, and seeded random words.
    func testTheWordTestMarksTheFirstByteThatEndsOrEscapes() {
        func isSpecial(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 }
        func check(_ bytes: [UInt8], _ context: String) {
            let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            let marks = FlatJSONReader.specialBytes(word)
            let first = bytes.firstIndex(where: isSpecial)
            XCTAssertEqual(marks == 0 ? nil : marks.trailingZeroBitCount / 8, first, "\(context): \(bytes)")
            if first != nil { XCTAssertEqual(marks.trailingZeroBitCount % 8, 7, context) }
        }
        for special in [UInt8(ascii: "\""), UInt8(ascii: "\\")] + (0..<0x20).map(UInt8.init) {
            for at in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[at] = special
                check(bytes, "byte \(special) at \(at)")
            }
        }
        for byte in (0x20...0xFF).map(UInt8.init) {
            check([UInt8](repeating: byte, count: 8), "byte \(byte)")
        }
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let likely: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in random.below(2) == 0 ? likely[random.below(likely.count)] : UInt8(truncatingIfNeeded: random.next()) }
            check(bytes, "seed \(seed)")
        }
    }

    /// Seeded: random strings of every length around the word size, with a quote, backslash,
    /// control character or non-ASCII byte anywhere (or none, or the closing quote missing).
    func testTheScanAgreesWithByteByByteOnRandomStrings() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let specials: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x0A, 0x7F, 0x80, 0xC3, 0xA9, 0xFF, 0x21, 0x5D, 0x20]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = [UInt8(ascii: "\"")]
            bytes += (0..<random.below(30)).map { _ in
                random.below(6) == 0 ? specials[random.below(specials.count)] : UInt8(truncatingIfNeeded: 0x30 + random.below(0x40))
            }
            if random.below(5) != 0 { bytes.append(UInt8(ascii: "\"")) }
            bytes += (0..<random.below(12)).map { _ in UInt8(ascii: "x") }
            var reader = FlatJSONReader(bytes)
            let scanned = reader.stringSpan()
            let expected = byteByByte(bytes)
            // A string with an escape is decoded (`FlatDecisionEncodingTests` holds that to the
            // tree parser); every other string is where the byte-by-byte scan says.
            if scanned?.isUnescaped == true {
                XCTAssertNil(expected, "seed \(seed): \(bytes)")
                continue
            }
            XCTAssertEqual(scanned?.range, expected?.range, "seed \(seed): \(bytes)")
            XCTAssertEqual(scanned?.isASCII, expected?.isASCII, "seed \(seed): \(bytes)")
        }
    }
}
