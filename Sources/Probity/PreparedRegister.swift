import Foundation
import ProbityConflicts
import ProbityRegister

/// A register, and what screening against it needs of the register alone (its people by name,
/// each interest's kind), made by whichever thread gets to it first: the thread that read the
/// register, while the rules' side of an engine is still being built (``prepare(decided:)``), or the
/// engine the register is given to, beside its scan of the register's texts
/// (``Engine/with(prepared:strict:)``, ``Engine/init(scheme:prepared:strict:)``). Either way the
/// engine answers the same.
///
/// `check --register FILE` reads the register on a thread of its own and prepares it there
/// once read: that thread would otherwise wait for the rules (docs/performance.md, item 27).
public final class PreparedRegister: @unchecked Sendable {
    /// The register as it was read.
    public let register: Register
    /// Guards `state`, and wakes an engine waiting for the index another thread is making.
    private let condition = NSCondition()
    private var state = State.open

    private enum State {
        /// No thread has started the index.
        case open
        /// A thread is making it in ``prepare(decided:)``.
        case making
        case made(ConflictScreener.RegisterIndex)
        /// An engine took the job before any thread started it, and made the index itself.
        case taken
    }

    /// `register`, its index not made yet.
    public init(_ register: Register) {
        self.register = register
    }

    /// Makes what screening needs of the register alone, on the calling thread, unless an
    /// engine has already taken that job or another thread has done it: then it returns at once.
    ///
    /// `decided` is called once it is settled which (before the index is made): a thread that
    /// read the register hands it over there, so that the engine it goes to finds the job
    /// already this thread's, however soon it asks (a thread waiting for the register is woken
    /// first on a busy core).
    public func prepare(decided: () -> Void = {}) {
        condition.lock()
        guard case .open = state else {
            condition.unlock()
            decided()
            return
        }
        state = .making
        condition.unlock()
        decided()
        let index = ConflictScreener.RegisterIndex(register: register)
        condition.lock()
        state = .made(index)
        condition.broadcast()
        condition.unlock()
    }

    /// For an engine given this register: the index ``prepare(decided:)`` made or is making (the
    /// closure waits for it), or nil when no thread has started it. Then the engine makes it
    /// itself, and a later ``prepare(decided:)`` does nothing.
    package func take() -> (@Sendable () -> ConflictScreener.RegisterIndex)? {
        condition.lock()
        defer { condition.unlock() }
        switch state {
        case .open, .taken:
            state = .taken
            return nil
        case .making, .made:
            return { [self] in madeIndex() }
        }
    }

    /// The index once ``prepare(decided:)`` has made it, waiting for it if need be.
    private func madeIndex() -> ConflictScreener.RegisterIndex {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if case .made(let index) = state { return index }
            condition.wait()
        }
    }
}
