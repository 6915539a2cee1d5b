import Dispatch
import ProbitySupport
import ProbityTestSupport
import XCTest

/// A memo found from a text's bytes: each text's answer is worked out once, handed back with the
/// text byte for byte, and bytes that are no UTF-8 give nothing.
final class TextMemoTests: XCTestCase {
    /// Seeded: random byte strings (ASCII, an accent as one scalar or two, cut short, stray bytes),
    /// asked for by bytes and as `String`s, twice over.
    func testEachTextIsWorkedOutOnceAndHandedBackByteForByte() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let pieces: [[UInt8]] = [Array("Jos".utf8), Array("\u{E9}".utf8), Array("e\u{301}".utf8), Array("Ann ".utf8), [0xC3], [0x80], [0xFF], []]
        let memo = TextMemo<Int>(capacity: 1_000)
        var workedOut: [[UInt8]: Int] = [:]
        for _ in 0..<2_000 {
            let bytes = (0..<random.inRange(0...4)).flatMap { _ in pieces[random.below(pieces.count)] }
            let text = String(validating: bytes, as: UTF8.self)
            if let text, random.below(3) == 0 {
                XCTAssertEqual(memo.value(for: text) { workedOut[bytes, default: 0] += 1; return bytes.count }, bytes.count, "seed \(seed)")
                continue
            }
            let answer = bytes.withUnsafeBufferPointer { buffer in
                memo.value(utf8: buffer, isASCII: bytes.allSatisfy { $0 < 0x80 }) { made in
                    XCTAssertEqual(Array(made.utf8), bytes, "seed \(seed)")
                    workedOut[bytes, default: 0] += 1
                    return bytes.count
                }
            }
            guard text != nil else {
                XCTAssertNil(answer, "seed \(seed): \(bytes)")
                continue
            }
            XCTAssertEqual(answer.map { Array($0.text.utf8) }, bytes, "seed \(seed)")
            XCTAssertEqual(answer?.value, bytes.count, "seed \(seed)")
        }
        XCTAssertEqual(workedOut.values.filter { $0 != 1 }.count, 0, "seed \(seed): each text worked out once")
        XCTAssertEqual(memo.count, workedOut.count, "seed \(seed)")
    }

    /// Past its capacity a memo keeps nothing more and still answers; threads share its answers.
    func testCapacityAndThreads() {
        let memo = TextMemo<Int>(capacity: 3)
        for number in 0..<10 { XCTAssertEqual(memo.value(for: "n\(number)") { number }, number) }
        XCTAssertEqual(memo.count, 3)
        XCTAssertEqual(memo.value(for: "n9") { 99 }, 99, "not kept: worked out again")
        XCTAssertEqual(memo.value(for: "n0") { 99 }, 0, "kept")
        let shared = TextMemo<String>(capacity: 1_000)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for number in 0..<300 {
                let bytes = Array("name \(number)".utf8)
                let answer = bytes.withUnsafeBufferPointer { shared.value(utf8: $0, isASCII: true) { "answer \($0)" } }
                XCTAssertEqual(answer?.value, "answer name \(number)")
            }
        }
        XCTAssertEqual(shared.count, 300)
    }
}
