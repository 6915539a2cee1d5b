import Foundation

/// How many times each of three jobs ran, counted under a lock (the jobs run on several threads):
/// for the tests of ``allThreeAtOnce(_:_:_:)`` and ``SharedJobs``.
final class JobCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = [0, 0, 0]

    func add(_ job: Int) {
        lock.lock()
        counts[job] += 1
        lock.unlock()
    }

    var values: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }
}
