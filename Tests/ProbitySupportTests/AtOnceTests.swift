import Foundation
import ProbitySupport
import ProbityTestSupport
import XCTest

/// ``bothAtOnce(_:_:)`` and ``allThreeAtOnce(_:_:_:)`` give each job's result in its own place,
/// whichever thread took which job and in whatever order they ended.
final class AtOnceTests: XCTestCase {
    func testEachJobsResultComesBackInItsPlaceHoweverTheJobsAreTimed() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        for round in 0..<50 {
            // Jobs of random lengths (a few microseconds to a millisecond), so that they end in
            // every order and a late thread sometimes finds nothing left to take.
            let delays = (0..<3).map { _ in UInt32(random.next() % 1_000) }
            let (first, second, third) = allThreeAtOnce({ usleep(delays[0]); return "first \(round)" },
                                                        { usleep(delays[1]); return [round, 2] },
                                                        { usleep(delays[2]); return Double(round) + 0.5 })
            XCTAssertEqual(first, "first \(round)", "seed \(seed), round \(round)")
            XCTAssertEqual(second, [round, 2], "seed \(seed), round \(round)")
            XCTAssertEqual(third, Double(round) + 0.5, "seed \(seed), round \(round)")
            let (one, two) = bothAtOnce({ usleep(delays[0]); return round }, { usleep(delays[1]); return "two \(round)" })
            XCTAssertEqual(one, round, "seed \(seed), round \(round)")
            XCTAssertEqual(two, "two \(round)", "seed \(seed), round \(round)")
        }
    }

    func testEveryJobRunsExactlyOnce() {
        let counts = JobCounts()
        for _ in 0..<200 {
            _ = allThreeAtOnce({ counts.add(0) }, { counts.add(1) }, { counts.add(2) })
        }
        XCTAssertEqual(counts.values, [200, 200, 200])
    }
}
