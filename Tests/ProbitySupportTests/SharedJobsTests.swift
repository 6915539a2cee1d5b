import Foundation
import ProbitySupport
import ProbityTestSupport
import XCTest

/// ``SharedJobs``: every job runs exactly once, on the posting thread or a helper's, and each
/// result comes back in its place, however the helper is timed.
final class SharedJobsTests: XCTestCase {
    func testEachJobRunsOnceAndItsResultComesBackInItsPlaceWithAHelperAtAnyTime() {
        let (seed, generator) = TestSeed.generator()
        var random = generator
        let jobs = SharedJobs()
        let ran = JobCounts()
        for round in 0..<60 {
            let delays = (0..<3).map { _ in UInt32(random.next() % 800) }
            // The helper asks before the jobs are posted (it finds none and leaves), while they
            // run, or after they are done.
            let helpDelay = UInt32(random.next() % 2_500)
            let helped = DispatchSemaphore(value: 0)
            Thread {
                usleep(helpDelay)
                jobs.help()
                helped.signal()
            }.start()
            let (first, second, third) = jobs.run({ usleep(delays[0]); ran.add(0); return "first \(round)" },
                                                  { usleep(delays[1]); ran.add(1); return [round, 2] },
                                                  { usleep(delays[2]); ran.add(2); return Double(round) + 0.5 })
            XCTAssertEqual(first, "first \(round)", "seed \(seed), round \(round)")
            XCTAssertEqual(second, [round, 2], "seed \(seed), round \(round)")
            XCTAssertEqual(third, Double(round) + 0.5, "seed \(seed), round \(round)")
            helped.wait()
        }
        XCTAssertEqual(ran.values, [60, 60, 60], "seed \(seed)")
    }

    func testWithNoHelperThePostingThreadRunsEveryJob() {
        let jobs = SharedJobs()
        let caller = pthread_self()
        let (a, b, c) = jobs.run({ pthread_equal(pthread_self(), caller) != 0 }, { pthread_equal(pthread_self(), caller) != 0 },
                                 { pthread_equal(pthread_self(), caller) != 0 })
        XCTAssertTrue(a && b && c)
        jobs.help()   // nothing under way: returns at once
    }
}
