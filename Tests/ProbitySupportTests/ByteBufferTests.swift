import ProbitySupport
import ProbityTestSupport
import XCTest

final class ByteBufferTests: XCTestCase {
    /// Appends of every kind, growing from the smallest room, give the bytes an array gets from
    /// the same appends; a copy taken on the way keeps its bytes while the original goes on (and
    /// the other way about), and emptying a shared buffer leaves the copy whole.
    func testAppendsMatchAnArrayAndCopiesAreValues() {
        let (seed, seeded) = TestSeed.generator()
        var generator = seeded
        for round in 0..<200 {
            var buffer = ByteBuffer(capacity: generator.inRange(0...8))
            var expected: [UInt8] = []
            var copies: [(ByteBuffer, [UInt8])] = []
            for _ in 0..<generator.inRange(0...60) {
                switch generator.below(4) {
                case 0:
                    let byte = UInt8(truncatingIfNeeded: generator.next())
                    buffer.append(byte)
                    expected.append(byte)
                case 1:
                    let bytes = (0..<generator.inRange(0...300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                    buffer.append(bytes)
                    expected += bytes
                case 2:
                    buffer.append("null")
                    expected += Array("null".utf8)
                default:
                    copies.append((buffer, expected))
                }
            }
            XCTAssertEqual(buffer.array, expected, "seed \(seed), round \(round)")
            XCTAssertEqual(buffer.count, expected.count)
            for (copy, bytes) in copies { XCTAssertEqual(copy.array, bytes, "seed \(seed), round \(round): a copy changed") }
            var copy = buffer
            buffer.removeAll()
            XCTAssertTrue(buffer.isEmpty)
            XCTAssertEqual(copy.array, expected, "seed \(seed), round \(round): emptying the original emptied its copy")
            copy.append(1)
            XCTAssertTrue(buffer.isEmpty, "seed \(seed), round \(round): writing to a copy wrote to the original")
        }
    }

    /// The stream writer's copies are values too: a writer copied mid-document and written on
    /// leaves the copy as it was.
    func testStreamWriterCopiesDoNotShareWrites() {
        var writer = JSONStreamWriter()
        writer.beginArray()
        writer.string("a")
        let copy = writer
        writer.string("b")
        writer.endArray()
        XCTAssertEqual(writer.text, #"["a","b"]"#)
        XCTAssertEqual(copy.text, #"["a""#)
        XCTAssertEqual(writer.count, writer.bytes.count)
        XCTAssertEqual(writer.withUnsafeBytes { Array($0) }, writer.bytes)
    }
}
