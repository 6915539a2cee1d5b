import Dispatch
import Foundation
import ProbitySupport
import XCTest

final class MemoTests: XCTestCase {
    func testAnAnswerIsWorkedOutOnceAndKept() {
        let memo = Memo<String, Int>(capacity: 10)
        var calls = 0
        XCTAssertEqual(memo.value(for: "a") { calls += 1; return 1 }, 1)
        XCTAssertEqual(memo.value(for: "a") { calls += 1; return 2 }, 1)
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(memo.count, 1)
    }

    /// Past its capacity a memo keeps nothing more, and still answers, by working it out.
    func testCapacityBoundsWhatIsKept() {
        let memo = Memo<Int, Int>(capacity: 3)
        for key in 0..<10 { XCTAssertEqual(memo.value(for: key) { key * 2 }, key * 2) }
        XCTAssertEqual(memo.count, 3)
        XCTAssertEqual(memo.value(for: 9) { 99 }, 99, "not kept: worked out again")
        XCTAssertEqual(memo.value(for: 0) { 99 }, 0, "kept")
    }

    /// Threads asking for the same keys at once all get the one answer each key has.
    func testThreadsShareAnswers() {
        let memo = Memo<Int, String>(capacity: 1_000)
        let answers = UnsafeSendableBox()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for key in 0..<500 {
                let value = memo.value(for: key) { "answer \(key)" }
                if value != "answer \(key)" { answers.fail() }
            }
            _ = worker
        }
        XCTAssertFalse(answers.failed)
        XCTAssertEqual(memo.count, 500)
    }

    func testMadeOnceGivenItsValueMakesNothing() {
        let once = MadeOnce<[Int]>([7])
        XCTAssertEqual(once.value { XCTFail("made again"); return [] }, [7])
    }

    func testMadeOnceMakesItsValueOnce() {
        let once = MadeOnce<[Int]>()
        var calls = 0
        XCTAssertEqual(once.value { calls += 1; return [1, 2] }, [1, 2])
        XCTAssertEqual(once.value { calls += 1; return [3] }, [1, 2])
        XCTAssertEqual(calls, 1)
    }
}

/// A flag threads may set, for a test to read once they are done.
private final class UnsafeSendableBox: @unchecked Sendable {
    private let lock = NSLock()
    private var _failed = false
    var failed: Bool { lock.withLock { _failed } }
    func fail() { lock.withLock { _failed = true } }
}
