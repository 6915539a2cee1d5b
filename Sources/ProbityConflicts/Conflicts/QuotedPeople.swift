import ProbityRegister
import Synchronization

/// A batch worker's own copies of the register's people that its reports quote, each made the
/// first time it quotes them (``ConflictScreener/quoting(_:_:)``).
///
/// Every report names the people it recuses and quotes their declarations, and when a batch's
/// lines recuse the same people (a board's few dozen, or a supplier's directors on every line),
/// two workers quoting one register retained the same strings on every line (on a board's
/// register, 24.6 retains a line by whichever worker retained each shared object less; 3.3 with
/// these copies: docs/performance.md, item 36). Copying the whole register instead cost a
/// worker's start 6 µs a person; these copies cost only the people quoted, once.
///
/// One worker's: the lock is never contended, and guards against a replica used by more than
/// one thread, which is still correct.
final class QuotedPeople: Sendable {
    /// The copies made so far, and for each person on the register where theirs is (-1: none
    /// yet): an array, not a dictionary, since a quote is looked up several times a line.
    private struct Copies {
        var slots: [Int32] = []
        var people: [RegisterPerson] = []
    }

    private let copies = Mutex(Copies())

    /// `read` of person `index` of `register` (always the same register), in storage of its own.
    func reading<T: Sendable>(_ index: Int, of register: Register, _ read: (RegisterPerson) -> T) -> T {
        copies.withLock { copies in
            if copies.slots.isEmpty { copies.slots = Array(repeating: -1, count: register.people.count) }
            var slot = Int(copies.slots[index])
            if slot < 0 {
                slot = copies.people.count
                copies.people.append(register.people[index].withOwnStorage)
                copies.slots[index] = Int32(slot)
            }
            return read(copies.people[slot])
        }
    }
}
