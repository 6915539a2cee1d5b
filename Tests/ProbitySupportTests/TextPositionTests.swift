import XCTest
@testable import ProbitySupport
import ProbityTestSupport

/// `TextPosition`, which places a JSON stream's rows and errors, counts lines and columns as
/// a plain count does, whatever the steps it is moved on by: a line break ends a line, and a
/// column is a Unicode scalar (a UTF-8 byte that is not `10xxxxxx`).
final class TextPositionTests: XCTestCase {
    /// The line and column of byte `offset`, counted a byte at a time from the start.
    private static func plainCount(_ bytes: [UInt8], to offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// Seeded: texts of ASCII, two-, three- and four-byte scalars and line breaks, long lines
    /// and short, moved on in random steps, some long enough to count eight bytes at a time.
    func testLinesAndColumnsAreThePlainCount() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let pieces: [[UInt8]] = [Array("a".utf8), Array(", ".utf8), Array("é".utf8), Array("’".utf8), Array("😀".utf8),
                                 Array("\n".utf8), Array("\r\n".utf8), Array("{\"Name\": \"Ana\"}".utf8), [0x80], [0xC3]]
        for round in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(200) {
                bytes += pieces[random.below(random.chance(0.9) ? 5 : pieces.count)]
            }
            var position = TextPosition()
            var offset = 0
            bytes.withUnsafeBufferPointer { all in
                while offset < bytes.count {
                    offset = min(bytes.count, offset + 1 + random.below(random.chance(0.5) ? 6 : 90))
                    position.advance(to: offset, in: all, from: 0)
                    let expected = Self.plainCount(bytes, to: offset)
                    XCTAssertEqual(position.line, expected.line, "seed \(seed), round \(round), offset \(offset): \(bytes)")
                    XCTAssertEqual(position.column, expected.column, "seed \(seed), round \(round), offset \(offset): \(bytes)")
                    if position.line != expected.line || position.column != expected.column { return }
                }
            }
        }
    }
}
