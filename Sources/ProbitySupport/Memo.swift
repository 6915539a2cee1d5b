import Synchronization

/// Answers worked out once per key and kept, for a costly answer that is a pure function of its
/// key and repeats across the lines of a batch: the "did you mean" suggestions for a supplier
/// that no rule file declares, or for an attendee who is on no register, are the same on every
/// line that names them, and without a memo each such line cost a thousand ordinary ones.
///
/// Shared by every thread. An answer is worked out outside the lock, so a thread never waits for
/// another's work; two threads may both work out one key, and as the answer depends only on the
/// key, both get the same one. At most `capacity` answers are kept; past that, answers are
/// worked out each time, so memory stays bounded whatever the input.
///
/// Inlinable, so each caller's module specialises it for its key and value: used across modules
/// unspecialised, every lookup asked the runtime for the generic dictionary's metadata, and a
/// name kept cost more than working it out again.
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline let stored = Mutex<[Key: Value]>([:])
    /// How many answers are kept at most.
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The answer for `key`: the kept one, or `compute()`'s, kept if there is room.
    @inlinable public func value(for key: Key, orCompute compute: () -> Value) -> Value {
        if let known = stored.withLock({ $0[key] }) { return known }
        let value = compute()
        stored.withLock { stored in
            // One probe of the table, not two: a key another thread kept meanwhile has this
            // same answer, so replacing it changes nothing.
            if stored.count < capacity { stored.updateValue(value, forKey: key) }
        }
        return value
    }

    /// How many answers are kept now.
    public var count: Int {
        stored.withLock { $0.count }
    }
}

/// A value made once, on first use, by whichever thread needs it first; the others wait for it.
/// For what only an unusual input needs (the folded candidates of "did you mean"), so a batch
/// that never needs it never pays for it.
///
/// Inlinable, as ``Memo`` is, so its callers read the value specialised.
public final class MadeOnce<Value: Sendable>: Sendable {
    @usableFromInline let stored: Mutex<Value?>

    /// Nothing made yet, or `made` when the caller had it to hand already.
    public init(_ made: Value? = nil) {
        stored = Mutex(made)
    }

    /// The value, made by `make()` if this is the first use.
    @inlinable public func value(_ make: () -> Value) -> Value {
        stored.withLock { stored in
            if let stored { return stored }
            let value = make()
            stored = value
            return value
        }
    }
}
