import Foundation

/// Jobs one thread posts and works through in order, which another thread with nothing left
/// to do may help with: each job not yet started is taken by whichever of them asks first.
///
/// Unlike ``allThreeAtOnce(_:_:_:)``, no thread is started or woken for the jobs: the only
/// helper is a thread that is already running and has finished its own work (a batch's
/// register thread once the register is read), so the jobs never take a core from work that
/// matters more (docs/performance.md, item 27). With no helper, the posting thread does every
/// job itself.
///
/// Deterministic by construction: each job writes only its own result, and the results are
/// read only after every job has finished, so they are the same whichever thread ran which.
public final class SharedJobs: @unchecked Sendable {
    /// Guards `posted`, `next` and `unfinished`, and wakes the posting thread when a helper's
    /// job ends.
    private let condition = NSCondition()
    /// The jobs of the current ``run(_:_:_:)``, empty between runs.
    private var posted: [@Sendable () -> Void] = []
    /// The first job of `posted` nobody has taken.
    private var next = 0
    /// Jobs taken and not yet finished.
    private var unfinished = 0

    public init() {}

    /// Runs `first`, `second` and `third`, taking them in that order on the calling thread
    /// except any that a thread in ``help()`` takes first, and returns their results once all
    /// three have finished.
    public func run<First: Sendable, Second: Sendable, Third: Sendable>(_ first: @escaping @Sendable () -> First,
                                                                        _ second: @escaping @Sendable () -> Second,
                                                                        _ third: @escaping @Sendable () -> Third) -> (First, Second, Third) {
        let slots = AtOnceSlots<First, Second, Third>()
        condition.lock()
        posted = [{ slots.first = first() }, { slots.second = second() }, { slots.third = third() }]
        next = 0
        condition.unlock()
        workThrough()
        condition.lock()
        while unfinished > 0 { condition.wait() }
        posted = []
        condition.unlock()
        guard let firstResult = slots.first, let secondResult = slots.second, let thirdResult = slots.third else {
            // Every job is taken exactly once, and all have finished.
            preconditionFailure("a shared job did not run")
        }
        return (firstResult, secondResult, thirdResult)
    }

    /// Takes and runs, one after another, the jobs of a ``run(_:_:_:)`` under way that nobody
    /// has started yet; returns when there are none (at once when no run is under way).
    public func help() {
        workThrough()
    }

    /// Takes jobs not yet taken and runs them until there are none.
    private func workThrough() {
        while true {
            condition.lock()
            guard next < posted.count else {
                condition.unlock()
                return
            }
            let job = posted[next]
            next += 1
            unfinished += 1
            condition.unlock()
            job()
            condition.lock()
            unfinished -= 1
            condition.broadcast()
            condition.unlock()
        }
    }
}
