import ProbitySupport
import ProbityTestSupport
import XCTest

final class UTF8EncodingTests: XCTestCase {
    /// Every scalar is appended as the standard library encodes it: the edges of each length,
    /// and random scalars of every plane.
    func testScalarsAreEncodedAsTheStandardLibraryEncodesThem() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        var values: [UInt32] = [0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF, 0xA3, 0x2019, 0x1F600]
        while values.count < 5_000 {
            let value = UInt32(generator.below(0x110000))
            if !(0xD800...0xDFFF).contains(value) { values.append(value) }
        }
        for value in values {
            var bytes: [UInt8] = [0x41]
            bytes.appendUTF8(value)
            XCTAssertEqual(bytes, [0x41] + Array(String(Unicode.Scalar(value)!).utf8), "seed \(seed): U+\(String(value, radix: 16))")
        }
    }
}
