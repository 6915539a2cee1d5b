import ProbitySupport
import ProbityTestSupport
import XCTest
@testable import ProbityEngine

/// The reader's string scan goes eight bytes at a time while a word holds nothing that ends or
/// escapes a string; it must find what a byte-by-byte scan finds, wherever that byte falls.
final class FlatJSONReaderTests: XCTestCase {
    /// The plain scan: the closing quote, and whether the string is plain and all ASCII.
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

    func testWordTestsFindEveryByteThatEndsOrEscapes() {
        for special in [UInt8(ascii: "\""), UInt8(ascii: "\\")] + (0..<0x20).map(UInt8.init) {
            for at in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[at] = special
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                XCTAssertTrue(FlatJSONReader.mayEndOrEscape(word), "byte \(special) at \(at)")
            }
        }
        for byte in (0x20...0xFF).map(UInt8.init) where byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
            let word = UInt64(byte) &* 0x0101_0101_0101_0101
            XCTAssertFalse(FlatJSONReader.mayEndOrEscape(word), "byte \(byte)")
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
            let scanned = reader.plainString()
            let expected = byteByByte(bytes)
            XCTAssertEqual(scanned?.range, expected?.range, "seed \(seed): \(bytes)")
            XCTAssertEqual(scanned?.isASCII, expected?.isASCII, "seed \(seed): \(bytes)")
        }
    }
}
