import Dispatch

/// Runs `first` and `second` at the same time, one on the calling thread and one on another,
/// and returns both results once both have finished.
///
/// Deterministic by construction: each closure writes only its own slot, nothing else is shared
/// between them, and the slots are read only after `concurrentPerform` has returned (which waits
/// for both), so the results are the same whatever the timing. The closures must not share
/// mutable state either; that is what `@Sendable` asks of them.
public func bothAtOnce<First: Sendable, Second: Sendable>(_ first: @Sendable () -> First,
                                                          _ second: @Sendable () -> Second) -> (First, Second) {
    let slots = AtOnceSlots<First, Second, Void>()
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { slots.first = first() } else { slots.second = second() }
    }
    guard let firstResult = slots.first, let secondResult = slots.second else {
        // `concurrentPerform` returns only after running every iteration.
        preconditionFailure("`concurrentPerform` returned before both halves ran")
    }
    return (firstResult, secondResult)
}

/// Runs `first`, `second` and `third` as three jobs that whichever thread is free takes, in that
/// order: the calling thread starts with `first` and takes each job no other thread has taken
/// yet, so a core that frees up part way (another thread's work done) takes what is left,
/// rather than the work being split in two fixed halves ahead of time. Returns the three results
/// once all have finished; deterministic for the same reasons as ``bothAtOnce(_:_:)``.
public func allThreeAtOnce<First: Sendable, Second: Sendable, Third: Sendable>(_ first: @Sendable () -> First,
                                                                               _ second: @Sendable () -> Second,
                                                                               _ third: @Sendable () -> Third) -> (First, Second, Third) {
    let slots = AtOnceSlots<First, Second, Third>()
    DispatchQueue.concurrentPerform(iterations: 3) { index in
        switch index {
        case 0: slots.first = first()
        case 1: slots.second = second()
        default: slots.third = third()
        }
    }
    guard let firstResult = slots.first, let secondResult = slots.second, let thirdResult = slots.third else {
        // `concurrentPerform` returns only after running every iteration.
        preconditionFailure("`concurrentPerform` returned before every job ran")
    }
    return (firstResult, secondResult, thirdResult)
}

/// The results of ``bothAtOnce(_:_:)``, ``allThreeAtOnce(_:_:_:)`` and ``SharedJobs/run(_:_:_:)``,
/// each written by exactly one thread and read only after all have finished, which the compiler
/// cannot see.
final class AtOnceSlots<First, Second, Third>: @unchecked Sendable {
    var first: First?
    var second: Second?
    var third: Third?
}
