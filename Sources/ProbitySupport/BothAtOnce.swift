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
    let slots = BothAtOnceSlots<First, Second>()
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { slots.first = first() } else { slots.second = second() }
    }
    guard let firstResult = slots.first, let secondResult = slots.second else {
        // `concurrentPerform` returns only after running every iteration.
        preconditionFailure("`concurrentPerform` returned before both halves ran")
    }
    return (firstResult, secondResult)
}

/// The two results of ``bothAtOnce(_:_:)``, each written by exactly one thread and read only
/// after both have finished, which the compiler cannot see.
private final class BothAtOnceSlots<First, Second>: @unchecked Sendable {
    var first: First?
    var second: Second?
}
